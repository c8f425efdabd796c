import Glibc

/// Opens the server's listening socket on 127.0.0.1 only: the kit never
/// exposes a server beyond loopback.
enum ListeningSocket {
    /// Accept queue length: 1000 clients connecting at once must not be refused
    /// (the kernel caps it at net.core.somaxconn, 4096 on current kernels).
    static let backlog: Int32 = 4096

    /// A non-blocking, close-on-exec listener and the port it got.
    static func open(port: Int) throws(DelayServerError) -> (fd: Int32, port: Int) {
        guard (0...65535).contains(port) else { throw .invalidPort(port) }
        let fd = socket(AF_INET, Socket.streamFlags, 0)
        guard fd >= 0 else { throw .cannotListen(port: port, errno: errno) }
        var one: Int32 = 1
        // Lets a restarted server rebind while old connections sit in TIME_WAIT;
        // on Linux it still refuses a port another socket listens on.
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let address = SocketAddress.ipv4("127.0.0.1", port: port)!
        guard address.withSockaddr({ bind(fd, $0, $1) }) == 0, listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? .portInUse(port) : .cannotListen(port: port, errno: code)
        }
        return (fd, boundPort(fd) ?? port)
    }

    /// The port the kernel assigned (for port 0).
    private static func boundPort(_ fd: Int32) -> Int? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return status == 0 ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
