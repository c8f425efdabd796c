/// An `http://host[:port]/path[?query]` address. HTTPS is not supported:
/// every target of this kit is on loopback.
public struct HTTPURL: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IPv4/IPv6 literal (without brackets).
    public var host: String
    /// TCP port, 80 when the URL names none.
    public var port: Int
    /// Path and query, always starting with `/`.
    public var target: String

    /// Parses `string`; throws `HTTPClientError.invalidURL` naming what is wrong.
    public init(_ string: String) throws(HTTPClientError) {
        fatalError("stub")
    }

    public init(host: String, port: Int, target: String = "/") {
        self.host = host
        self.port = port
        self.target = target
    }

    /// This URL's origin with `path` as its target: `base.replacingTarget("/delay/1")`.
    public func replacingTarget(_ path: String) -> HTTPURL {
        HTTPURL(host: host, port: port, target: path)
    }

    public var description: String { fatalError("stub") }
}
