import Glibc

/// Keep-alive connections the event-driven client finished with, per origin,
/// ready for the next request: the next GET skips socket, connect, accept and
/// the closing handshakes, as URLSession, AsyncHTTPClient and aiohttp's
/// sessions do. Owned by one `EventLoop` and used on its thread only.
///
/// Idle sockets stay watched: when the server closes one (it stopped, or its
/// idle timeout passed) the loop closes our side at once, so the pool never
/// holds dead connections or leaks their fds.
struct IdleConnections {
    /// More than this many idle sockets per origin are closed instead of kept.
    static let limitPerOrigin = 4_096

    /// Origin to idle sockets, each with its loop registration.
    fileprivate var sockets: [String: [(fd: Int32, registration: UInt64)]] = [:]
}

extension EventLoop {
    /// An idle keep-alive socket to `origin`, no longer watched, if any.
    /// Loop thread only.
    func takeIdleConnection(_ origin: String) -> Int32? {
        assertInLoop()
        guard let idle = idleConnections.sockets[origin]?.popLast() else { return nil }
        return deregister(idle.registration)
    }

    /// Keeps `fd` for the next request to `origin`, watching it so that a
    /// close by the server closes it here too. Loop thread only.
    func keepIdleConnection(_ fd: Int32, origin: String) {
        assertInLoop()
        guard idleConnections.sockets[origin, default: []].count < IdleConnections.limitPerOrigin,
              let registration = try? register(fd: fd, events: EpollBits.readable | EpollBits.peerClosed, handler: { [unowned self] _ in
                  // Any event on an idle socket (end of stream, reset, shutdown
                  // of the loop, or stray bytes) makes it unusable.
                  dropIdleConnection(fd, origin: origin)
              })
        else {
            close(fd)
            return
        }
        idleConnections.sockets[origin, default: []].append((fd, registration))
    }

    /// Closes every idle keep-alive socket, returning once they are closed: one
    /// model's idle connections (and the server's ends of them) must not hold the
    /// file descriptors the next model needs. Any thread but the loop's own.
    public func closeIdleConnections() {
        let done = Latch()
        guard execute({ [self] in
            for idle in idleConnections.sockets.values.joined() { deregisterAndClose(idle.registration) }
            idleConnections = IdleConnections()
            done.open()
        }) else { return }
        done.wait()
    }

    private func dropIdleConnection(_ fd: Int32, origin: String) {
        guard let index = idleConnections.sockets[origin]?.firstIndex(where: { $0.fd == fd }),
              let idle = idleConnections.sockets[origin]?.remove(at: index)
        else { return }
        deregisterAndClose(idle.registration)
    }
}

extension HTTPResponse {
    /// Whether the connection can carry another request: the server did not
    /// ask to close, and the body's end was framed (not marked by closing).
    var allowsConnectionReuse: Bool {
        if headerValue("connection")?.lowercased() == "close" { return false }
        return headerValue("content-length") != nil
            || headerValue("transfer-encoding")?.lowercased().contains("chunked") == true
    }
}
