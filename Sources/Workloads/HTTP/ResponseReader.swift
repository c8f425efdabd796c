import Glibc

/// Drains a non-blocking socket into an `HTTPResponseParser`: the read step
/// both clients share, with their common error mapping.
enum ResponseReader {
    /// How long one call may read before it yields, in nanoseconds: a server that
    /// sends without pause must not keep a caller from its deadline (or, on an
    /// event loop, from its timers and other sockets). A bound in time, not in
    /// reads: on a loaded machine, or in a debug build, parsing 16 reads of 64 KiB
    /// took over a second, and a read count bounded nothing.
    static let turn: UInt64 = 2_000_000

    /// How far one call got.
    enum Progress {
        case complete(HTTPResponse)
        /// The socket has nothing more for now: wait for it to become readable.
        case wouldBlock
        /// The turn (or the deadline) is over and more may be there: check the
        /// deadline, then call again without waiting.
        case yielded
    }

    /// Reads until the response is complete, the socket has nothing more for
    /// now, or a `turn` has passed (or `deadline`, if sooner).
    static func readAvailable(
        _ fd: Int32, buffer: UnsafeMutableRawBufferPointer, parser: inout HTTPResponseParser, url: HTTPURL,
        until deadline: UInt64
    ) throws(HTTPClientError) -> Progress {
        let end = min(deadline, MonotonicClock.now() &+ turn)
        repeat {
            switch Socket.receive(fd, into: buffer) {
            case .bytes(let bytes):
                if let response = try parsing(url, { () throws(HTTPResponseParser.Failure) in try parser.feed(bytes) }) {
                    return .complete(response)
                }
            case .endOfStream:
                return .complete(try parsing(url, { () throws(HTTPResponseParser.Failure) in
                    try parser.finishAtEndOfStream()
                }))
            case .wouldBlock:
                return .wouldBlock
            case .failed(let code):
                throw code == ECONNRESET ? .connectionClosed(url.description) : .connectionFailed(url.description, errno: code)
            }
        } while MonotonicClock.now() < end
        return .yielded
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
