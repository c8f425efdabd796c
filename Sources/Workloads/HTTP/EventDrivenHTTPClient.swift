/// A lean HTTP/1.1 client over non-blocking sockets driven by an `EventLoop`
/// (epoll), bridged to async/await. A waiting request holds no thread.
public struct EventDrivenHTTPClient: Sendable {
    /// The loop that watches this client's sockets.
    public let loop: EventLoop

    public init(loop: EventLoop = .shared) {
        self.loop = loop
    }

    /// GETs `url`, waiting at most `timeout` for the whole exchange.
    /// Cancelling the calling task closes the socket and throws `CancellationError`.
    public func get(_ url: HTTPURL, timeout: Duration) async throws -> HTTPResponse {
        fatalError("stub")
    }
}
