import Workloads

/// `serial`: one job after another on the calling thread. The reference.
public struct SerialRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .serial }
    public init() {}

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let control = JobControl(context)
        let slots = OutcomeSlots(count: count, model: model, job: job)
        for index in 0..<count {
            slots.run(index) { () throws(JobFailure.Cause) in try job.runBlocking(control: control) }
        }
        return slots.outcomes
    }
}
