import Glibc

/// Why a `DelayServer` could not start. Each case names the port and what to do.
public enum DelayServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Something already listens on 127.0.0.1:`port`.
    case portInUse(Int)
    /// socket, bind or listen failed for another reason.
    case cannotListen(port: Int, errno: Int32)
    /// The port is outside 0...65535.
    case invalidPort(Int)
    /// The server's event loop could not start (its epoll, eventfd or thread).
    case cannotStart(errno: Int32)

    public var description: String {
        switch self {
        case .portInUse(let port):
            "cannot serve on 127.0.0.1:\(port): the port is already in use; stop the program that listens there (`ss -ltnp 'sport = :\(port)'` shows it) or pass another --port (0 picks a free one)"
        case .cannotStart(let code):
            "cannot start the delay server's event loop: \(errnoDescription(code)) (errno \(code)): "
                + (limitAdvice(code) ?? "see the errno")
        case .cannotListen(let port, let code) where code == EACCES:
            "cannot serve on 127.0.0.1:\(port): \(errnoDescription(code)); ports below 1024 need privileges, pick one above 1023"
        case .cannotListen(let port, let code):
            "cannot serve on 127.0.0.1:\(port): \(errnoDescription(code)) (errno \(code)); check the open-file limit (`ulimit -n`) and the port"
        case .invalidPort(let port):
            "cannot serve on port \(port): a port is a number from 0 to 65535 (0 picks a free one)"
        }
    }
}
