import Workloads

/// `hybrid`: the article's advice for mixed work, asyncio for the I/O and a
/// process pool for the CPU. Every job is a task on the event loop's one
/// thread, as in `eventLoop`; each hands its CPU part to the global pool
/// (as wide as the cores) and comes back for the next I/O.
public struct HybridRunner: ModelRunner {
    public var model: ConcurrencyModel { .hybrid }
    public init() {}

    public func run(_ job: Job, count: Int, context: RunContext) async -> [JobOutcome] {
        let control = JobControl(context)
        let loop = EventLoopRunner.loop
        return await gather(count: count, model: model, job: job, control: control, on: loop) { _ throws(JobFailure.Cause) in
            // A loop that could not start takes no tasks: they would run on the global pool, unlike the model.
            if let failure = loop.startFailure { throw .worker(EventLoopRunner.unavailable(failure)) }
            return try await job.run(control: control, loop: { loop }, cpu: globalConcurrentExecutor)
        }
    }

    public func closeIdleConnections() {
        EventLoopRunner.loop.closeIdleConnections()
    }
}
