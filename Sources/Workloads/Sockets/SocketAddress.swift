import Glibc

/// An IPv4 or IPv6 address and port, ready for connect(2) or bind(2).
struct SocketAddress {
    var storage = sockaddr_storage()
    var length: socklen_t = 0

    var family: Int32 { Int32(storage.ss_family) }

    /// Resolves `host`: numeric literals and "localhost" without a lookup (the
    /// kit's targets are loopback, and getaddrinfo costs a file read), other
    /// names through getaddrinfo (blocking; the first address wins).
    static func resolve(host: String, port: Int) -> SocketAddress? {
        if host == "localhost" { return ipv4("127.0.0.1", port: port) }
        if let address = ipv4(host, port: port) ?? ipv6(host, port: port) { return address }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var result = SocketAddress()
        result.length = first.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &result.storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        result.setPort(port)
        return result
    }

    /// A numeric IPv4 address, or nil when `text` is not one.
    static func ipv4(_ text: String, port: Int) -> SocketAddress? {
        var address = sockaddr_in()
        guard inet_pton(AF_INET, text, &address.sin_addr) == 1 else { return nil }
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
        return SocketAddress(copying: address)
    }

    /// A numeric IPv6 address (no brackets), or nil when `text` is not one.
    static func ipv6(_ text: String, port: Int) -> SocketAddress? {
        var address = sockaddr_in6()
        guard inet_pton(AF_INET6, text, &address.sin6_addr) == 1 else { return nil }
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = UInt16(truncatingIfNeeded: port).bigEndian
        return SocketAddress(copying: address)
    }

    private init() {}

    private init<Address>(copying address: Address) {
        var copy = address
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: &copy) { target.copyMemory(from: $0) }
        }
        length = socklen_t(MemoryLayout<Address>.size)
    }

    private mutating func setPort(_ port: Int) {
        let network = UInt16(truncatingIfNeeded: port).bigEndian
        withUnsafeMutableBytes(of: &storage) { raw in
            // sin_port and sin6_port share offset 2 in both layouts.
            raw.storeBytes(of: network, toByteOffset: 2, as: UInt16.self)
        }
    }

    /// Calls `body` with the address as the `sockaddr` pointer the socket calls take.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }
}
