import Glibc
@testable import Workloads

/// A blocking loopback TCP connection for sending hand-written bytes to a
/// server under test, including malformed ones.
final class RawConnection {
    let fd: Int32

    init(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        let address = SocketAddress.ipv4("127.0.0.1", port: port)!
        let status = address.withSockaddr { connect(fd, $0, $1) }
        precondition(status == 0, "connect to 127.0.0.1:\(port) failed: errno \(errno)")
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Closes with a reset (SO_LINGER 0): the abrupt disconnect of a crashed client.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }

    /// Reads one response (parsed by the clients' parser), nil on timeout or close.
    func readResponse(timeout: Double = 5) -> HTTPResponse? {
        var parser = HTTPResponseParser()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 1)
        defer { buffer.deallocate() }
        while waitReadable(timeout: timeout) {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count <= 0 { return try? parser.finishAtEndOfStream() }
            if let response = try? parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) { return response }
        }
        return nil
    }

    /// Everything received until the server closes (or 5 s pass), as text.
    func readUntilClosed(timeout: Double = 5) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while waitReadable(timeout: timeout) {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when the server closed the connection within `timeout` (EOF or reset).
    func closedByPeer(timeout: Double) -> Bool {
        var byte: UInt8 = 0
        while waitReadable(timeout: timeout) {
            let count = recv(fd, &byte, 1, 0)
            if count <= 0 { return true }
        }
        return false
    }

    private func waitReadable(timeout: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(timeout * 1000)) > 0
    }
}

/// Seconds `body` took.
func secondsElapsed(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The body as text.
func text(_ response: HTTPResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
}

/// A loopback port that refuses connections for as long as this object lives:
/// bound, never listening. A port merely closed can be taken again at once by
/// another test's server, or by a client whose ephemeral port happens to be it
/// (a TCP self-connect); a bound one cannot.
final class ClosedPort {
    let port: Int
    private let fd: Int32

    init() {
        (fd, port) = Self.bound()
    }

    deinit { Glibc.close(fd) }

    /// A socket bound to 127.0.0.1 on an ephemeral port, not listening, and that port.
    static func bound() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        let address = SocketAddress.ipv4("127.0.0.1", port: 0)!
        precondition(fd >= 0 && address.withSockaddr({ bind(fd, $0, $1) }) == 0,
                     "cannot bind 127.0.0.1:0: errno \(errno)")
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: bound.sin_port)))
    }
}
