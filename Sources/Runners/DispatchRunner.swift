import Workloads
import Dispatch

/// `dispatch`: GCD `concurrentPerform`, which is only as wide as the core count.
/// Blocking I/O shows that width: K requests take K / cores delays.
public struct DispatchRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .dispatch }
    public init() {}

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let control = JobControl(context)
        let slots = OutcomeSlots(count: count, model: model, job: job)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.run(index) { () throws(JobFailure.Cause) in try job.runBlocking(control: control) }
        }
        return slots.outcomes
    }
}
