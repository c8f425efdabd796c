import Glibc

/// One GET driven by an `EventLoop`: connect (or reuse an idle keep-alive
/// connection), send, receive, parse, all in callbacks on the loop thread,
/// then one continuation resume. That is the whole per-request cost: no
/// thread, no polling while the server waits.
///
/// `@unchecked Sendable` is safe: the object crosses threads only as a reference
/// captured by closures passed to `loop.execute`; every stored `var` is read and
/// written only on the loop thread (`start`, `cancel` and the fd and timer
/// callbacks all run there, each asserting it).
final class ClientExchange: @unchecked Sendable {
    private let loop: EventLoop
    private let url: HTTPURL
    private let address: SocketAddress
    private let request: [UInt8]
    private let deadline: UInt64
    private let timeoutSeconds: Double

    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private var registration: UInt64?
    private var fd: Int32 = -1
    private var timer: TimerID?
    private var connecting = true
    private var sent = 0
    private var parser = HTTPResponseParser()
    /// The socket came from the idle pool: if the server closed it meanwhile,
    /// the request is retried once on a new connection (GET is idempotent).
    private var reused = false
    /// Cancelled before `start` ran (the cancel closure can overtake it).
    private var cancelledEarly = false

    init(loop: EventLoop, url: HTTPURL, address: SocketAddress, timeout: Duration) {
        self.loop = loop
        self.url = url
        self.address = address
        self.request = HTTPRequestBytes.get(url, keepAlive: true)
        self.deadline = MonotonicClock.deadline(after: timeout)
        self.timeoutSeconds = timeout.seconds
    }

    /// Starts the exchange; `continuation` is resumed exactly once.
    func start(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        loop.assertInLoop()
        guard !cancelledEarly else {
            continuation.resume(throwing: CancellationError())
            return
        }
        self.continuation = continuation
        timer = loop.scheduleTimer(at: deadline) { [self] in
            finish(.failure(HTTPClientError.timedOut(url.description, seconds: timeoutSeconds)))
        }
        connect(reusing: true)
    }

    /// Takes an idle keep-alive socket when allowed and one is there, else
    /// starts a new connection; then watches the socket.
    private func connect(reusing: Bool) {
        sent = 0
        parser = HTTPResponseParser()
        if reusing, let idle = loop.takeIdleConnection(url.authority) {
            fd = idle
            connecting = false
            reused = true
        } else {
            reused = false
            do throws(HTTPClientError) {
                switch try Socket.startConnect(to: address, url: url) {
                case .connected(let socket):
                    fd = socket
                    connecting = false
                case .inProgress(let socket):
                    fd = socket
                    connecting = true
                }
            } catch {
                finish(.failure(error))
                return
            }
        }
        do throws(HTTPClientError) {
            // Edge-triggered with both directions at once: one epoll_ctl per
            // exchange; epoll reports the current readiness right after ADD.
            let events = EpollBits.readable | EpollBits.writable | EpollBits.peerClosed | EpollBits.edgeTriggered
            registration = try registerSocket(events: events)
        } catch {
            finish(.failure(error))
        }
    }

    private func registerSocket(events: UInt32) throws(HTTPClientError) -> UInt64 {
        do {
            return try loop.register(fd: fd, events: events) { [self] event in handle(event) }
        } catch {
            throw .connectionFailed(url.description, errno: error.code)
        }
    }

    /// Cancels the exchange: closes the socket and throws `CancellationError`.
    func cancel() {
        loop.assertInLoop()
        if continuation == nil {
            cancelledEarly = true
        } else {
            finish(.failure(CancellationError()))
        }
    }

    private func handle(_ event: IOEvent) {
        switch event {
        case .loopShutDown:
            finish(.failure(HTTPClientError.connectionFailed(url.description, errno: ECANCELED)))
        case .ready(let bits):
            do throws(HTTPClientError) {
                if let response = try advance(bits) { finish(.success(response)) }
            } catch .connectionClosed(_) where reused {
                // The server closed the idle connection just as it was reused.
                if let registration { loop.deregisterAndClose(registration) }
                registration = nil
                connect(reusing: false)
            } catch {
                finish(.failure(error))
            }
        }
    }

    /// Moves the exchange as far as the socket allows.
    private func advance(_ bits: UInt32) throws(HTTPClientError) -> HTTPResponse? {
        if connecting {
            guard bits & (EpollBits.writable | EpollBits.error | EpollBits.hangUp) != 0 else { return nil }
            let code = Socket.pendingError(fd)
            guard code == 0 else { throw Socket.connectError(code, url: url) }
            connecting = false
        }
        if sent < request.count {
            switch Socket.sendAvailable(fd, request, sent: &sent) {
            case .success(true): break
            case .success(false): return nil  // the next EPOLLOUT edge resumes sending
            case .failure(let failure): throw ResponseReader.sendError(failure, url: url)
            }
        }
        // Skip the read syscall until epoll says there is something to read.
        let readable = EpollBits.readable | EpollBits.peerClosed | EpollBits.hangUp | EpollBits.error
        guard bits & readable != 0 else { return nil }
        switch try ResponseReader.readAvailable(fd, buffer: loop.scratch, parser: &parser, url: url, until: deadline) {
        case .complete(let response): return response
        case .wouldBlock: return nil
        case .yielded:
            guard MonotonicClock.now() < deadline else { throw .timedOut(url.description, seconds: timeoutSeconds) }
            readAgainLater()
            return nil
        }
    }

    /// A server sending without pause: edge-triggered epoll will not report the
    /// bytes already waiting, so the exchange queues its next read itself, to run
    /// after this turn's other sockets and due timers (its deadline among them).
    private func readAgainLater() {
        let current = registration
        loop.execute { [self] in
            guard continuation != nil, registration == current else { return }
            handle(.ready(EpollBits.readable))
        }
    }

    /// Releases the socket and timer and resumes the caller; later calls are ignored.
    private func finish(_ result: Result<HTTPResponse, any Error>) {
        guard let continuation else { return }
        self.continuation = nil
        if let timer { loop.cancelTimer(timer) }
        if let registration, case .success(let response) = result, response.allowsConnectionReuse,
           let socket = loop.deregister(registration) {
            loop.keepIdleConnection(socket, origin: url.authority)
        } else if let registration {
            loop.deregisterAndClose(registration)
        } else if fd >= 0 {
            close(fd)
        }
        fd = -1
        continuation.resume(with: result)
    }
}
