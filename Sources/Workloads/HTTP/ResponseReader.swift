import Glibc

/// Drains a non-blocking socket into an `HTTPResponseParser`: the read step
/// both clients share, with their common error mapping.
enum ResponseReader {
    /// Reads until the response is complete (returned) or the socket has
    /// nothing more for now (nil).
    static func readAvailable(
        _ fd: Int32, buffer: UnsafeMutableRawBufferPointer, parser: inout HTTPResponseParser, url: HTTPURL
    ) throws(HTTPClientError) -> HTTPResponse? {
        while true {
            switch Socket.receive(fd, into: buffer) {
            case .bytes(let bytes):
                if let response = try parsing(url, { () throws(HTTPResponseParser.Failure) in try parser.feed(bytes) }) {
                    return response
                }
            case .endOfStream:
                return try parsing(url, { () throws(HTTPResponseParser.Failure) in try parser.finishAtEndOfStream() })
            case .wouldBlock:
                return nil
            case .failed(let code):
                throw code == ECONNRESET ? .connectionClosed(url.description) : .connectionFailed(url.description, errno: code)
            }
        }
    }

    /// Runs a parser step, turning its failure into the client error for `url`.
    private static func parsing<T>(
        _ url: HTTPURL, _ step: () throws(HTTPResponseParser.Failure) -> T
    ) throws(HTTPClientError) -> T {
        do {
            return try step()
        } catch {
            throw error.closedEarly ? .connectionClosed(url.description)
                : .malformedResponse(url.description, reason: error.reason)
        }
    }

    /// The client error for a failed send.
    static func sendError(_ failure: Errno, url: HTTPURL) -> HTTPClientError {
        failure.code == EPIPE || failure.code == ECONNRESET ? .connectionClosed(url.description)
            : .connectionFailed(url.description, errno: failure.code)
    }
}
