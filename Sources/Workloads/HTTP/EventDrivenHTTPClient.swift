import Glibc

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
    ///
    /// Never blocks the calling thread for numeric hosts and "localhost"; any other
    /// name is looked up with getaddrinfo on the calling thread first.
    public func get(_ url: HTTPURL, timeout: Duration) async throws -> HTTPResponse {
        try Task.checkCancellation()
        guard let address = SocketAddress.resolve(host: url.host, port: url.port) else {
            throw HTTPClientError.cannotResolve(url.description)
        }
        let exchange = ClientExchange(loop: loop, url: url, address: address, timeout: timeout)
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if !loop.execute({ exchange.start(continuation) }) {
                    continuation.resume(throwing: HTTPClientError.eventLoopUnavailable(
                        url.description, errno: loop.startFailure ?? ECANCELED))
                }
            }
        } onCancel: {
            loop.execute { exchange.cancel() }
        }
    }
}
