/// Why an HTTP GET failed. Each case names the URL and says what to check.
public enum HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidURL(String, reason: String)
    case cannotResolve(String)
    case connectionRefused(String)
    case connectionFailed(String, errno: Int32)
    case timedOut(String, seconds: Double)
    case connectionClosed(String)
    case malformedResponse(String, reason: String)
    /// The event loop that would drive the request could not start (`errno` of
    /// epoll_create1, eventfd or pthread_create): this process's limits, not the server.
    case eventLoopUnavailable(String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            "invalid URL '\(url)': \(reason)"
        case .cannotResolve(let url):
            "cannot resolve the host of \(url): use a loopback address such as 127.0.0.1, or check the host name"
        case .connectionRefused(let url):
            "nothing listens at \(url): start the server (`bench serve`) or check --url"
        case .connectionFailed(let url, let code):
            "cannot talk to \(url): \(errnoDescription(code)) (errno \(code)): "
                + (limitAdvice(code) ?? "check that the server runs on loopback and is not overloaded")
        case .timedOut(let url, let seconds):
            "no complete response from \(url) within \(seconds.secondsText) s: "
                + (FileLimit.advice(within: seconds)
                    ?? "the server is stuck or overloaded; check it, or raise the timeout")
        case .connectionClosed(let url):
            "\(url) closed the connection before a complete response: check the server's log; it may have crashed or rejected the request"
        case .malformedResponse(let url, let reason):
            "\(url) sent an unusable response (\(reason)): check that --url points at an httpbin-compatible HTTP/1.1 server"
        case .eventLoopUnavailable(let url, let code):
            "cannot start the event loop for \(url): \(errnoDescription(code)) (errno \(code)): "
                + (limitAdvice(code) ?? "the loop was shut down")
        }
    }
}
