import Workloads
import Dispatch

/// Runs K copies of a job under one concurrency model and returns every
/// job's outcome, in job order, so correctness can be checked.
///
/// A runner never hangs past `context.timeout` and never crashes on a failing
/// job: the failure comes back as that job's outcome.
public protocol ModelRunner: Sendable {
    /// The model this runner implements.
    var model: ConcurrencyModel { get }

    /// Runs `count` copies of `job` and waits for all of them.
    func run(_ job: Job, count: Int, context: RunContext) async -> [JobOutcome]

    /// The same, from synchronous code (XCTest `measure` blocks, the CLI).
    /// Must not be called from a task on the cooperative pool.
    func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome]

    /// Closes the keep-alive connections this model's runs left idle, so they
    /// do not hold the file descriptors the next model needs (`ulimit -n`).
    func closeIdleConnections()
}

extension ModelRunner {
    /// Models without an event loop keep no connections.
    public func closeIdleConnections() {}

    /// Async models bridge to synchronous callers by parking the caller.
    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let done = DispatchSemaphore(value: 0)
        let box = OutcomeBox()
        Task.detached {
            box.outcomes = await self.run(job, count: count, context: context)
            done.signal()
        }
        done.wait()
        return box.outcomes
    }

    /// The outcomes as results, or the first failure thrown.
    public func results(_ job: Job, count: Int, context: RunContext = RunContext()) async throws(JobFailure) -> [JobResult] {
        try await run(job, count: count, context: context).map { outcome throws(JobFailure) in try outcome.get() }
    }
}

/// A runner built on threads it owns: it runs synchronously, and its async
/// entry point moves the wait onto a fresh thread so no pool thread blocks.
public protocol ThreadedModelRunner: ModelRunner {}

extension ThreadedModelRunner {
    public func run(_ job: Job, count: Int, context: RunContext) async -> [JobOutcome] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                JoinableThread.detach(name: "kit-\(model)-coordinator") {
                    continuation.resume(returning: self.runBlocking(job, count: count, context: context))
                }
            }
        } onCancel: {
            context.cancellation.cancel()
        }
    }
}

/// Carries outcomes from a detached task back to a parked thread.
///
/// `@unchecked Sendable` is safe: the task writes `outcomes` once, then signals
/// the semaphore; the reader reads only after `wait()` returns, so the
/// semaphore orders the write before the read and they never overlap.
private final class OutcomeBox: @unchecked Sendable {
    var outcomes: [JobOutcome] = []
}
