import Glibc

/// One client connection of the delay server: reads a request head, answers it
/// (at once or from a timer), writes the answer as fast as the client reads,
/// then waits for the next request (keep-alive) or closes.
///
/// Confined to the loop thread: created by the listener's accept callback and
/// touched only by this connection's fd and timer callbacks. It lives as long as
/// its registration (whose handler holds it) and its timers.
final class ServerConnection {
    private enum State {
        /// Waiting for a complete request head (the header timer runs).
        case readingHead
        /// A /delay request waits for its timer.
        case waiting(TimerID)
        /// A response is being written.
        case writing
        /// After rejecting a request: our side is shut for writing and the rest of
        /// what the client sends is read and dropped, so closing does not send a
        /// reset that could destroy the error response before the client reads it.
        case draining
        case closed
    }

    private let loop: EventLoop
    private let fd: Int32
    private let configuration: ServerConfiguration
    private var registration: UInt64?
    private var state = State.readingHead
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    private var outputSent = 0
    private var closeAfterWrite = false
    private var lingerAfterWrite = false
    private var watchingWrites = false
    private var headerTimer: TimerID?
    /// True inside `processInput`, so a synchronous write completion does not recurse into it.
    private var processing = false

    private static let readEvents = EpollBits.readable | EpollBits.peerClosed
    private static let writeEvents = EpollBits.writable | EpollBits.peerClosed

    init(loop: EventLoop, fd: Int32, configuration: ServerConfiguration) {
        self.loop = loop
        self.fd = fd
        self.configuration = configuration
    }

    /// Starts watching the socket (level-triggered: at most one read per wake-up
    /// keeps connections fair). Closes the fd if the loop refuses it.
    func start() {
        do {
            registration = try loop.register(fd: fd, events: Self.readEvents) { [self] event in handle(event) }
            armHeaderTimer()
        } catch {
            close(fd)
            state = .closed
        }
    }

    private func handle(_ event: IOEvent) {
        guard case .ready(let bits) = event else { return shut() }
        // The peer is gone or half-closed: a delay client that hangs up is not
        // waited for (its timer is cancelled), as the brief of an httpbin clone asks.
        if bits & (EpollBits.error | EpollBits.hangUp | EpollBits.peerClosed) != 0 { return shut() }
        if bits & EpollBits.writable != 0 { flush() }
        if bits & EpollBits.readable != 0 { readInput() }
    }

    private func readInput() {
        switch Socket.receive(fd, into: loop.scratch) {
        case .bytes(let bytes) where !isDraining:
            input.append(contentsOf: bytes)
            if case .readingHead = state {
                processInput()
            } else if input.count > configuration.maximumHeaderBytes + configuration.maximumBodyBytes {
                shut()  // a client that pipelines without reading: stop buffering for it
            }
        case .bytes:  // draining: dropped
            break
        case .wouldBlock:
            break
        case .endOfStream, .failed:
            shut()
        }
    }

    /// Answers every complete request in `input`, one at a time.
    private func processInput() {
        processing = true
        defer { processing = false }
        while case .readingHead = state, let request = nextRequest() {
            cancelHeaderTimer()
            switch DelayRoutes.route(request, port: configuration.port) {
            case .now(let response):
                respond(response, to: request)
            case .after(let seconds, let response):
                let deadline = MonotonicClock.now() &+ UInt64(seconds * 1e9)
                state = .waiting(loop.scheduleTimer(at: deadline) { [self] in respond(response, to: request) })
            }
        }
    }

    /// Takes the next complete request off `input`; answers a bad one itself.
    private func nextRequest() -> HTTPRequest? {
        let parsed = input.withUnsafeBytes { HTTPHead.parse($0, limit: configuration.maximumHeaderBytes) }
        switch parsed {
        case .incomplete:
            return nil
        case .tooLarge:
            reject(.error(431, "request head larger than \(configuration.maximumHeaderBytes) bytes"))
        case .invalid(let reason):
            reject(.error(400, reason))
        case .complete(let head):
            switch HTTPRequest.parse(head, maximumBodyBytes: configuration.maximumBodyBytes) {
            case .rejected(let response):
                reject(response)
            case .request(let request):
                let total = head.byteCount + request.contentLength
                guard input.count >= total else { return nil }  // the body is still arriving
                input.removeFirst(total)
                return request
            }
        }
        return nil
    }

    private func reject(_ response: ServerResponse) {
        cancelHeaderTimer()
        input.removeAll()
        lingerAfterWrite = true
        send(response.serialized(keepAlive: false, includeBody: true), thenClose: true)
    }

    private var isDraining: Bool {
        if case .draining = state { true } else { false }
    }

    /// Half-closes and drops input for at most a second before closing.
    private func drain() {
        shutdown(fd, Int32(SHUT_WR))
        state = .draining
        watch(writes: false)
        headerTimer = loop.scheduleTimer(at: MonotonicClock.now() &+ 1_000_000_000) { [self] in shut() }
    }

    private func respond(_ response: ServerResponse, to request: HTTPRequest) {
        let keepAlive = request.keepAlive && !response.closesConnection
        send(response.serialized(keepAlive: keepAlive, includeBody: request.method != "HEAD"), thenClose: !keepAlive)
    }

    private func send(_ bytes: [UInt8], thenClose: Bool) {
        output = bytes
        outputSent = 0
        closeAfterWrite = thenClose
        state = .writing
        flush()
    }

    /// Writes what the socket takes; waits for EPOLLOUT when it is full (slow reader).
    private func flush() {
        guard case .writing = state else { return }
        switch Socket.sendAvailable(fd, output, sent: &outputSent) {
        case .success(true):
            output = []
            if closeAfterWrite { return lingerAfterWrite ? drain() : shut() }
            watch(writes: false)
            state = .readingHead
            armHeaderTimer()
            if !processing { processInput() }
        case .success(false):
            watch(writes: true)
        case .failure:
            shut()  // EPIPE or ECONNRESET: the client left
        }
    }

    private func watch(writes: Bool) {
        guard writes != watchingWrites, let registration else { return }
        watchingWrites = writes
        loop.modify(registration, events: writes ? Self.writeEvents : Self.readEvents)
    }

    /// Drops a client that is too slow to send its request head (or idles too
    /// long between keep-alive requests).
    private func armHeaderTimer() {
        cancelHeaderTimer()
        let deadline = MonotonicClock.now() &+ configuration.headerTimeoutNanoseconds
        headerTimer = loop.scheduleTimer(at: deadline) { [self] in shut() }
    }

    private func cancelHeaderTimer() {
        if let headerTimer { loop.cancelTimer(headerTimer) }
        headerTimer = nil
    }

    /// Closes the socket and forgets the connection: its timers are cancelled and
    /// its registration (the last owner of `self`) is removed.
    private func shut() {
        if case .closed = state { return }
        if case .waiting(let timer) = state { loop.cancelTimer(timer) }
        state = .closed
        cancelHeaderTimer()
        if let registration { loop.deregisterAndClose(registration) }
        registration = nil
    }
}
