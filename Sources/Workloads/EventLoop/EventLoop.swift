import CLinux
import Glibc
import Synchronization

/// One thread running an epoll loop: it watches sockets, fires timers, and is a
/// `TaskExecutor`, so async tasks can run on it (the asyncio analog: one thread,
/// many tasks, I/O overlapping while CPU work runs one task at a time).
///
/// Each turn of the loop runs the jobs and closures queued so far, then polls
/// epoll: with timeout 0 when more work was queued meanwhile (so I/O is never
/// starved by a busy task), otherwise blocking until the next timer is due or
/// another thread wakes it through an eventfd.
///
/// `@unchecked Sendable` is safe because every stored property is either
/// immutable (`let` fds, `name`), synchronized (`inbox` and `joinState` are
/// `PThreadMutex`es, `loopThread` is an `Atomic`, `terminated` is a semaphore), or
/// confined to the loop thread (`registrations`, `timers`, `scratch` and the
/// other `var`s below), which is checked by `assertInLoop()` in every
/// loop-only entry point.
public final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// A process-wide loop for clients whose tasks run elsewhere (the `tasks` model).
    /// Started on first use; never shut down (the process exit ends it).
    public static let shared: EventLoop = EventLoop(name: "kit-shared-loop")

    /// Work handed to the loop from any thread.
    enum Work: Sendable {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    /// Cross-thread state, guarded by `inbox`.
    struct Inbox {
        var work: [Work] = []
        /// True while the loop blocks (or is about to block) in epoll_wait with an
        /// empty queue: only then must a producer write the eventfd.
        var loopIsSleeping = false
        var shutdownRequested = false
        /// Set once the loop drained its queue for the last time: no more work accepted.
        var closed = false
    }

    struct JoinState {
        var thread: pthread_t = 0
        /// Joined or detached: the thread handle must not be used again.
        var released = false
    }

    /// The thread's name (at most 15 bytes reach the kernel).
    public let name: String
    let epollFD: Int32
    let wakeFD: Int32
    let inbox = PThreadMutex(Inbox())
    let joinState = PThreadMutex(JoinState())
    /// The loop thread's `pthread_self()`, 0 until it starts.
    let loopThread = Atomic<UInt>(0)
    let terminated = Latch()

    // Loop-thread-only state.
    var registrations: [UInt64: Registration] = [:]
    /// Keep-alive sockets of the event-driven client, between requests.
    var idleConnections = IdleConnections()
    var nextRegistrationID: UInt64 = 1
    var timers = TimerQueue()
    var acceptsRegistrations = true
    /// A receive buffer shared by every socket handler on this loop: handlers run
    /// one at a time on the loop thread, so one buffer serves them all.
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)

    /// Why the loop could not start (the errno of epoll_create1, eventfd or
    /// pthread_create: EMFILE at `ulimit -n`, EAGAIN at `ulimit -u`), nil once
    /// it runs. A loop that did not start accepts no work: `execute` returns
    /// false and clients fail with `HTTPClientError.eventLoopUnavailable`.
    public var startFailure: Int32? {
        let code = startFailureCode.load(ordering: .acquiring)
        return code == 0 ? nil : code
    }
    /// `startFailure`, 0 for none; set in `init` only.
    private let startFailureCode = Atomic<Int32>(0)

    /// Starts the loop's thread; on failure see `startFailure` (never a trap:
    /// running out of fds or threads is a limit to report, not a bug).
    public init(name: String) {
        self.name = name
        var failure: Int32?
        let epoll = FileLimit.keepingReserve(epoll_create1(Int32(EPOLL_CLOEXEC)))
        if epoll < 0 { failure = errno }
        let wake = failure == nil ? FileLimit.keepingReserve(eventfd(0, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))) : -1
        if failure == nil && wake < 0 { failure = errno }
        if failure == nil {
            var event = epoll_event()
            event.events = EPOLLIN.rawValue
            event.data.u64 = Self.wakeRegistrationID
            if epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &event) != 0 { failure = errno }
        }
        epollFD = epoll
        wakeFD = wake
        if failure == nil {
            // The thread owns a reference until it exits, so a loop runs until shut down.
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { context in
                let loop = Unmanaged<EventLoop>.fromOpaque(context!).takeRetainedValue()
                loop.runThread()
                return nil
            }, context)
            if status == 0 {
                joinState.withLock { $0.thread = thread }
            } else {
                Unmanaged<EventLoop>.fromOpaque(context).release()
                failure = status
            }
        }
        if let failure {
            startFailureCode.store(failure, ordering: .releasing)
            if wake >= 0 { close(wake) }
            if epoll >= 0 { close(epoll) }
            inbox.withLock { $0.closed = true; $0.shutdownRequested = true }
            joinState.withLock { $0.released = true }
            terminated.open()
        }
    }

    deinit {
        scratch.deallocate()
    }

    /// The registration id epoll reports for the wake-up eventfd.
    static let wakeRegistrationID: UInt64 = 0

    /// True on the loop's own thread.
    public var inEventLoop: Bool {
        loopThread.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Traps in debug builds when called off the loop thread.
    func assertInLoop(_ file: StaticString = #fileID, line: UInt = #line) {
        assert(inEventLoop, "called off the event loop thread", file: file, line: line)
    }

    /// Runs `job` on the loop thread. After shutdown the job runs on the calling
    /// thread instead, so a task that still prefers this loop is never lost.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if !submit(.job(job)) {
            job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor())
        }
    }

    /// Runs `work` on the loop thread, after the work queued before it.
    /// Returns false (and drops `work`) when the loop has shut down.
    @discardableResult
    public func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        submit(.closure(work))
    }

    /// Runs `work` on the loop thread once `delay` has passed (never earlier).
    /// Returns false when the loop has shut down.
    @discardableResult
    public func schedule(after delay: Duration, _ work: @escaping @Sendable () -> Void) -> Bool {
        let deadline = MonotonicClock.deadline(after: delay)
        return execute { [self] in _ = scheduleTimer(at: deadline, work) }
    }

    /// Appends `work` to the queue and wakes the loop if it sleeps.
    private func submit(_ work: Work) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.work.append(work)
            if inbox.loopIsSleeping {
                inbox.loopIsSleeping = false
                // Written under the lock so the loop cannot close wakeFD in between.
                var one: UInt64 = 1
                _ = write(wakeFD, &one, 8)
            }
            return true
        }
    }

    /// Stops the loop and joins its thread; pending work is failed, fds closed.
    ///
    /// Registered handlers get `.loopShutDown` (they close their sockets), timers
    /// are dropped, queued jobs still run. Idempotent and callable from any
    /// thread; called on the loop thread itself it returns at once and the loop
    /// stops after the current turn.
    public func shutdown() {
        inbox.withLock { inbox in
            guard !inbox.shutdownRequested else { return }
            inbox.shutdownRequested = true
            if inbox.loopIsSleeping, !inbox.closed {
                inbox.loopIsSleeping = false
                var one: UInt64 = 1
                _ = write(wakeFD, &one, 8)
            }
        }
        let onLoop = inEventLoop
        joinState.withLock { state in
            guard !state.released else { return }
            state.released = true
            if onLoop {
                pthread_detach(state.thread)
            } else {
                pthread_join(state.thread, nil)
            }
        }
        if !onLoop { terminated.wait() }
    }

    /// Blocks the calling thread until the loop has shut down (by `shutdown()`
    /// from another thread). For a foreground server.
    public func waitUntilTerminated() {
        terminated.wait()
    }
}
