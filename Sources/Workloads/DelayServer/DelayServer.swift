/// An httpbin-like HTTP/1.1 server on 127.0.0.1: `/delay/{s}` answers after
/// `s` seconds (capped at 10), `/get` at once. One epoll thread serves every
/// connection, so 1000 waiting requests hold no thread each.
public final class DelayServer: Sendable {
    /// The port it listens on (the ephemeral one when started with port 0).
    public let port: Int

    /// Binds 127.0.0.1:`port` (0 = ephemeral) and starts serving.
    public init(port: Int = 0) throws {
        fatalError("stub")
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: HTTPURL { HTTPURL(host: "127.0.0.1", port: port) }

    /// Stops accepting, closes every connection and joins the thread.
    public func stop() {
        fatalError("stub")
    }
}
