import Glibc

/// A lean HTTP/1.1 client over a blocking socket, for the thread-based models.
///
/// One GET per connection (`Connection: close`); the calling thread sleeps in
/// `poll(2)` while it waits, so a waiting request costs no CPU.
public enum BlockingHTTPClient {
    /// GETs `url`, waiting at most `timeout` for the whole exchange.
    public static func get(_ url: HTTPURL, timeout: Duration) throws(HTTPClientError) -> HTTPResponse {
        let deadline = MonotonicClock.deadline(after: timeout)
        let seconds = timeout.seconds
        guard let address = SocketAddress.resolve(host: url.host, port: url.port) else {
            throw .cannotResolve(url.description)
        }
        // The socket is non-blocking so that every wait is a poll with the
        // remaining time: connect, send and receive share one deadline.
        let fd: Int32
        switch try Socket.startConnect(to: address, url: url) {
        case .connected(let connected):
            fd = connected
        case .inProgress(let connecting):
            fd = connecting
            do throws(HTTPClientError) {
                try wait(fd, for: Int16(POLLOUT), until: deadline, url: url, seconds: seconds)
                let code = Socket.pendingError(fd)
                if code != 0 { throw Socket.connectError(code, url: url) }
            } catch {
                close(fd)
                throw error
            }
        }
        defer { close(fd) }

        let request = HTTPRequestBytes.get(url)
        var sent = 0
        while true {
            switch Socket.sendAvailable(fd, request, sent: &sent) {
            case .success(true): break
            case .success(false):
                try wait(fd, for: Int16(POLLOUT), until: deadline, url: url, seconds: seconds)
                continue
            case .failure(let failure): throw ResponseReader.sendError(failure, url: url)
            }
            break
        }

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16384, alignment: 16)
        defer { buffer.deallocate() }
        var parser = HTTPResponseParser()
        while true {
            // After a yield, poll returns at once if more is there, but checks the deadline first.
            let progress = try ResponseReader.readAvailable(
                fd, buffer: buffer, parser: &parser, url: url, until: deadline)
            if case .complete(let response) = progress { return response }
            try wait(fd, for: Int16(POLLIN), until: deadline, url: url, seconds: seconds)
        }
    }

    /// Sleeps in poll(2) until `fd` is ready for `events` (errors and hang-ups
    /// count as ready: the next call reports them) or the deadline passes.
    private static func wait(
        _ fd: Int32, for events: Int16, until deadline: UInt64, url: HTTPURL, seconds: Double
    ) throws(HTTPClientError) {
        while true {
            let now = MonotonicClock.now()
            guard now < deadline else { throw .timedOut(url.description, seconds: seconds) }
            // Rounded up: waking a little late is harmless, early would spin.
            let millis = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let count = poll(&entry, 1, millis)
            if count > 0 { return }
            if count < 0 && errno != EINTR { throw .connectionFailed(url.description, errno: errno) }
        }
    }
}
