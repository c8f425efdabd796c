/// Why an HTTP GET failed. Each case names the URL and says what to check.
public enum HTTPClientError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidURL(String, reason: String)
    case cannotResolve(String)
    case connectionRefused(String)
    case connectionFailed(String, errno: Int32)
    case timedOut(String, seconds: Double)
    case connectionClosed(String)
    case malformedResponse(String, reason: String)

    public var description: String { fatalError("stub") }
}
