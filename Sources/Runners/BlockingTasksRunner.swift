import Workloads

/// `blockingTasks`, an ANTI-PATTERN kept to show its cost: blocking I/O inside
/// tasks. Each waiting request pins one thread of the cooperative pool, which
/// is only as wide as the cores, so K requests take K / cores delays and every
/// other task in the process stalls meanwhile.
public struct BlockingTasksRunner: ModelRunner {
    public var model: ConcurrencyModel { .blockingTasks }
    public init() {}

    public func run(_ job: Job, count: Int, context: RunContext) async -> [JobOutcome] {
        let control = JobControl(context)
        return await gather(count: count, model: model, job: job, control: control) { _ throws(JobFailure.Cause) in
            try job.runBlocking(control: control)
        }
    }
}
