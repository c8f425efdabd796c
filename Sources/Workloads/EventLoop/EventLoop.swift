/// One thread running an epoll loop: it watches sockets, fires timers, and is a
/// `TaskExecutor`, so async tasks can run on it (the asyncio analog: one thread,
/// many tasks, I/O overlapping while CPU work runs one task at a time).
public final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// A process-wide loop for clients whose tasks run elsewhere (the `tasks` model).
    public static let shared: EventLoop = EventLoop(name: "kit-shared-loop")

    /// Starts the loop's thread.
    public init(name: String) {
        fatalError("stub")
    }

    /// Stops the loop and joins its thread; pending work is failed, fds closed.
    public func shutdown() {
        fatalError("stub")
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        fatalError("stub")
    }
}
