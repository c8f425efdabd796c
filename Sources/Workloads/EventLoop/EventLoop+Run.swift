import CLinux
import Glibc

extension EventLoop {
    /// The body of the loop thread.
    func runThread() {
        loopThread.store(UInt(pthread_self()), ordering: .releasing)
        // The kernel keeps 15 bytes of a thread name.
        _ = pthread_setname_np(pthread_self(), String(name.utf8.prefix(15)) ?? "event-loop")

        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        var batch: [Work] = []
        batch.reserveCapacity(64)

        while true {
            let stopping = inbox.withLock { inbox in
                swap(&batch, &inbox.work)
                return inbox.shutdownRequested
            }
            run(&batch)
            if stopping { break }

            let timeout = pollTimeout()
            let count = epoll_wait(epollFD, events, Int32(capacity), timeout)
            if timeout != 0 {
                inbox.withLock { $0.loopIsSleeping = false }
            }
            if count > 0 {
                for index in 0..<Int(count) {
                    dispatch(id: events[index].data.u64, events: events[index].events)
                }
            }
            fireDueTimers()
        }
        tearDown()
    }

    /// Runs and empties `batch`.
    private func run(_ batch: inout [Work]) {
        guard !batch.isEmpty else { return }
        let executor = asUnownedTaskExecutor()
        for work in batch {
            switch work {
            case .job(let job): job.runSynchronously(on: executor)
            case .closure(let closure): closure()
            }
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// 0 when work is already waiting, else milliseconds until the next timer,
    /// rounded up so a timer never fires early, or -1 (block) when none is set.
    /// A blocking timeout marks the loop as sleeping, under the same lock that
    /// producers check, so a wake-up cannot be missed.
    private func pollTimeout() -> Int32 {
        var millis: Int32 = -1
        if let deadline = timers.nextDeadline() {
            let now = MonotonicClock.now()
            millis = deadline <= now ? 0 : Int32(clamping: (deadline - now + 999_999) / 1_000_000)
        }
        return inbox.withLock { inbox in
            if !inbox.work.isEmpty || inbox.shutdownRequested { return 0 }
            if millis != 0 { inbox.loopIsSleeping = true }
            return millis
        }
    }

    private func dispatch(id: UInt64, events: UInt32) {
        if id == Self.wakeRegistrationID {
            var value: UInt64 = 0
            _ = read(wakeFD, &value, 8)
            return
        }
        // A handler earlier in this batch may have removed this registration.
        registrations[id]?.handler(.ready(events))
    }

    private func fireDueTimers() {
        guard timers.count > 0 else { return }
        let now = MonotonicClock.now()
        while let action = timers.popDue(now: now) {
            action()
        }
    }

    /// Fails every registration, drops timers, runs what is still queued, then
    /// closes the loop's own fds.
    private func tearDown() {
        acceptsRegistrations = false
        timers.removeAll()
        for id in registrations.keys.sorted() {
            registrations[id]?.handler(.loopShutDown)
        }
        // Handlers should have closed their fds; close the rest for them.
        for registration in registrations.values {
            close(registration.fd)
        }
        registrations.removeAll()
        idleConnections = IdleConnections()
        var batch: [Work] = []
        while true {
            let more = inbox.withLock { inbox in
                if inbox.work.isEmpty {
                    inbox.closed = true
                    return false
                }
                swap(&batch, &inbox.work)
                return true
            }
            guard more else { break }
            run(&batch)
            timers.removeAll()
        }
        inbox.withLock { _ in
            close(wakeFD)
            close(epollFD)
        }
        terminated.open()
    }
}
