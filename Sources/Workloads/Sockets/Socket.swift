import Glibc

/// Thin wrappers over the socket calls both HTTP clients and the server share.
/// Every socket is non-blocking and close-on-exec (children must not inherit it).
enum Socket {
    /// SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, as socket(2) and accept4(2) take them.
    static let streamFlags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    static let acceptFlags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)

    /// The outcome of starting a non-blocking connect.
    enum ConnectStart {
        /// Connected at once (possible on loopback).
        case connected(Int32)
        /// Connecting: wait until writable, then check `pendingError`.
        case inProgress(Int32)
    }

    /// Opens a socket to `url` and starts connecting. On failure nothing stays open.
    static func startConnect(to address: SocketAddress, url: HTTPURL) throws(HTTPClientError) -> ConnectStart {
        let fd = FileLimit.keepingReserve(socket(address.family, streamFlags, 0))
        guard fd >= 0 else {
            throw .connectionFailed(url.description, errno: errno)
        }
        let status = address.withSockaddr { connect(fd, $0, $1) }
        if status == 0 { return .connected(fd) }
        let code = errno
        if code == EINPROGRESS || code == EINTR { return .inProgress(fd) }
        close(fd)
        throw connectError(code, url: url)
    }

    /// The socket's pending error (SO_ERROR): 0 once a connect succeeded.
    static func pendingError(_ fd: Int32) -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { return errno }
        return code
    }

    /// The client error for a failed connect.
    static func connectError(_ code: Int32, url: HTTPURL) -> HTTPClientError {
        code == ECONNREFUSED ? .connectionRefused(url.description) : .connectionFailed(url.description, errno: code)
    }

    /// Sends what it can of `bytes[sent...]` without blocking and without SIGPIPE.
    /// Returns true once everything is sent, false when the socket is full.
    static func sendAvailable(_ fd: Int32, _ bytes: [UInt8], sent: inout Int) -> Result<Bool, Errno> {
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count > 0 {
                sent += count
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return .success(false)
            } else {
                return .failure(Errno(code: count < 0 ? errno : EPIPE))
            }
        }
        return .success(true)
    }

    /// The result of one non-blocking read.
    enum ReadResult {
        case bytes(UnsafeRawBufferPointer)
        case endOfStream
        case wouldBlock
        case failed(Int32)
    }

    /// One recv(2) into `buffer`, retrying EINTR.
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> ReadResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(UnsafeRawBufferPointer(rebasing: buffer[..<count])) }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: return .failed(code)
            }
        }
    }
}
