import Glibc

/// An httpbin-like HTTP/1.1 server on 127.0.0.1: `/delay/{s}` answers after
/// `s` seconds (capped at 10), `/get` at once. One epoll thread serves every
/// connection, so 1000 waiting requests hold no thread each.
///
/// Answers: unknown paths 404, methods other than GET/HEAD 405, malformed
/// requests 400, request heads over `maximumHeaderBytes` 431. A client that
/// does not finish its head within `headerTimeout` (or idles that long between
/// keep-alive requests) is dropped; one that hangs up is forgotten at once.
public final class DelayServer: Sendable {
    /// The port it listens on (the ephemeral one when started with port 0).
    public let port: Int
    private let loop: EventLoop

    /// Binds 127.0.0.1:`port` (0 = ephemeral) and starts serving.
    /// Throws `DelayServerError` (for example `.portInUse`) when it cannot listen.
    public init(port: Int = 0, headerTimeout: Duration = .seconds(10), maximumHeaderBytes: Int = 16384) throws {
        let (fd, boundPort) = try ListeningSocket.open(port: port)
        self.port = boundPort
        loop = EventLoop(name: "kit-delay-server")
        if let failure = loop.startFailure {
            close(fd)
            throw DelayServerError.cannotStart(errno: failure)
        }
        let configuration = ServerConfiguration(
            port: boundPort,
            headerTimeoutNanoseconds: MonotonicClock.nanoseconds(headerTimeout),
            maximumHeaderBytes: max(maximumHeaderBytes, 64)
        )
        let listener = DelayListener(loop: loop, fd: fd, configuration: configuration)
        loop.execute { listener.start() }
    }

    deinit {
        loop.shutdown()
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: HTTPURL { HTTPURL(host: "127.0.0.1", port: port) }

    /// Stops accepting, closes every connection and joins the thread. Idempotent.
    public func stop() {
        loop.shutdown()
    }

    /// Blocks the calling thread until `stop()` is called from another thread
    /// (for `bench serve`, which serves in the foreground until interrupted).
    public func waitUntilStopped() {
        loop.waitUntilTerminated()
    }
}
