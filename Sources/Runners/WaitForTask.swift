import Dispatch
import Synchronization

/// Runs `body` as a detached task and parks this thread until it returns:
/// async work from synchronous code (the CLI's main thread). Never call it
/// from a task on the cooperative pool: it would hold one of the pool's threads.
func waitForTask<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let result = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let value = await body()
        result.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    return result.withLock { $0! }
}
