import Workloads

/// `tasks`: a task group on the global executor (as wide as the cores).
/// Its I/O jobs suspend on the shared event loop: no thread waits.
public struct TasksRunner: ModelRunner {
    public var model: ConcurrencyModel { .tasks }
    public init() {}

    public func run(_ job: Job, count: Int, context: RunContext) async -> [JobOutcome] {
        let control = JobControl(context)
        return await gather(count: count, model: model, job: job, control: control) { _ throws(JobFailure.Cause) in
            try await job.run(control: control, loop: { .shared })
        }
    }

    public func closeIdleConnections() {
        EventLoop.shared.closeIdleConnections()
    }
}
