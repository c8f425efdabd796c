import CLinux
import Glibc

/// Accepts connections for a `DelayServer` on its loop and hands each to a
/// `ServerConnection`.
///
/// `@unchecked Sendable` is safe: it crosses to the loop thread once (captured by
/// the closure that calls `start`), and its `var`s are used only there.
final class DelayListener: @unchecked Sendable {
    private let loop: EventLoop
    private let fd: Int32
    private let configuration: ServerConfiguration
    private var registration: UInt64?

    /// Connections accepted per wake-up: the listener is level-triggered, so the
    /// rest come on the next turn, after the other sockets had theirs.
    private static let acceptBatch = 256

    init(loop: EventLoop, fd: Int32, configuration: ServerConfiguration) {
        self.loop = loop
        self.fd = fd
        self.configuration = configuration
    }

    /// Starts accepting. Loop thread only.
    func start() {
        do {
            registration = try loop.register(fd: fd, events: EpollBits.readable) { [self] event in
                switch event {
                case .ready: acceptConnections()
                case .loopShutDown: stop()
                }
            }
        } catch {
            close(fd)
        }
    }

    private func acceptConnections() {
        for _ in 0..<Self.acceptBatch {
            guard FileLimit.hasRoom(besides: fd, reserve: FileLimit.serverReserve) else {
                FileLimit.note(EMFILE)
                return pauseAccepting()
            }
            let client = accept4(fd, nil, nil, Socket.acceptFlags)
            if client >= 0 {
                ServerConnection(loop: loop, fd: client, configuration: configuration).start()
                continue
            }
            switch errno {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                FileLimit.note(errno)
                pauseAccepting()
                return
            default:
                return  // EAGAIN: the queue is empty
            }
        }
    }

    /// Out of fds: stop watching the listener for 100 ms instead of spinning on it
    /// (level-triggered readiness would wake the loop at once, forever).
    private func pauseAccepting() {
        guard let registration else { return }
        loop.modify(registration, events: 0)
        _ = loop.scheduleTimer(at: MonotonicClock.now() + 100_000_000) { [self] in
            if let registration = self.registration { loop.modify(registration, events: EpollBits.readable) }
        }
    }

    private func stop() {
        if let registration { loop.deregisterAndClose(registration) }
        registration = nil
    }
}
