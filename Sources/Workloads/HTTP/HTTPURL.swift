import Glibc

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
        func invalid(_ reason: String) -> HTTPClientError { .invalidURL(string, reason: reason) }
        guard let schemeEnd = string.firstRange(of: "://") else {
            throw invalid("no scheme: write it as http://127.0.0.1:8080/")
        }
        let scheme = string[..<schemeEnd.lowerBound].lowercased()
        if scheme == "https" {
            throw invalid("https is not supported: the kit's client speaks plain http; use http://")
        }
        guard scheme == "http" else { throw invalid("scheme '\(scheme)' is not supported: use http://") }
        if let bad = string.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E }) {
            throw invalid("it contains \(bad.value == 0x20 ? "a space" : "the character U+\(String(bad.value, radix: 16, uppercase: true))"): percent-encode it")
        }
        var rest = string[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let target = rest[authorityEnd...]
        guard !authority.contains("@") else { throw invalid("user names and passwords are not supported") }
        let (host, port) = try Self.split(authority: authority, invalid: invalid)
        self.host = host
        self.port = port
        self.target = target.isEmpty ? "/" : target.first == "?" ? "/" + target : String(target)
    }

    /// Splits `host[:port]` or `[v6]:port`.
    private static func split(
        authority: Substring, invalid: (String) -> HTTPClientError
    ) throws(HTTPClientError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("'[' without ']' around the IPv6 address") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw invalid("unexpected '\(after)' after the IPv6 address") }
                portText = after.dropFirst()
            }
            guard SocketAddress.ipv6(String(host), port: 0) != nil else { throw invalid("'\(host)' is not an IPv6 address") }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
            guard !host.contains(":") else { throw invalid("put an IPv6 address in brackets: http://[::1]:8080/") }
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw invalid("no host: write it as http://127.0.0.1:8080/") }
        guard let portText, !portText.isEmpty else { return (String(host), 80) }
        guard portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
              let port = Int(portText), (1...65535).contains(port)
        else { throw invalid("port '\(portText)' is not a number from 1 to 65535") }
        return (String(host), port)
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

    /// `host[:port]` as the Host header and URLs write it (IPv6 in brackets, port 80 omitted).
    public var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    public var description: String { "http://\(authority)\(target)" }
}
