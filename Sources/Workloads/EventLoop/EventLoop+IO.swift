import CLinux
import Glibc

/// What an fd handler is told.
enum IOEvent {
    /// epoll reported these events (`EPOLLIN`, `EPOLLOUT`, ... bits).
    case ready(UInt32)
    /// The loop is shutting down: close the fd and fail whoever waits on it.
    case loopShutDown
}

/// An fd watched by the loop. Identified by a never-reused id rather than the fd,
/// because a closed fd number can be reused before stale events are dispatched.
struct Registration {
    let fd: Int32
    let handler: (IOEvent) -> Void
}

/// epoll event bits as `UInt32`, the type `epoll_event.events` has.
enum EpollBits {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let peerClosed = EPOLLRDHUP.rawValue
    static let hangUp = EPOLLHUP.rawValue
    static let error = EPOLLERR.rawValue
    static let edgeTriggered = EPOLLET.rawValue
}

/// A failed system call's errno.
struct Errno: Error, Equatable {
    var code: Int32
}

extension EventLoop {
    /// Watches `fd` for `events`; `handler` runs on the loop thread.
    /// Loop thread only. Throws ECANCELED when the loop is shutting down.
    func register(fd: Int32, events: UInt32, handler: @escaping (IOEvent) -> Void) throws(Errno) -> UInt64 {
        assertInLoop()
        guard acceptsRegistrations else { throw Errno(code: ECANCELED) }
        let id = nextRegistrationID
        nextRegistrationID += 1
        var event = epoll_event()
        event.events = events
        event.data.u64 = id
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else { throw Errno(code: errno) }
        registrations[id] = Registration(fd: fd, handler: handler)
        return id
    }

    /// Changes the events watched for registration `id`. Loop thread only.
    func modify(_ id: UInt64, events: UInt32) {
        assertInLoop()
        guard let registration = registrations[id] else { return }
        var event = epoll_event()
        event.events = events
        event.data.u64 = id
        _ = epoll_ctl(epollFD, EPOLL_CTL_MOD, registration.fd, &event)
    }

    /// Stops watching registration `id` and closes its fd. Loop thread only.
    /// Closing removes the fd from epoll (no EPOLL_CTL_DEL syscall needed; every
    /// fd is CLOEXEC, so no child holds a duplicate that would keep it watched).
    func deregisterAndClose(_ id: UInt64) {
        assertInLoop()
        guard let registration = registrations.removeValue(forKey: id) else { return }
        close(registration.fd)
    }

    /// Stops watching registration `id` and returns its fd, still open (a
    /// keep-alive socket going back to the idle pool). Loop thread only.
    func deregister(_ id: UInt64) -> Int32? {
        assertInLoop()
        guard let registration = registrations.removeValue(forKey: id) else { return nil }
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, registration.fd, nil)
        return registration.fd
    }

    /// Runs `action` on the loop thread at `deadline` (MonotonicClock ns) or
    /// later. Loop thread only.
    func scheduleTimer(at deadline: UInt64, _ action: @escaping () -> Void) -> TimerID {
        assertInLoop()
        return timers.schedule(at: deadline, action)
    }

    /// Cancels a timer; a fired or cancelled one is ignored. Loop thread only.
    func cancelTimer(_ timer: TimerID) {
        assertInLoop()
        timers.cancel(timer)
    }
}
