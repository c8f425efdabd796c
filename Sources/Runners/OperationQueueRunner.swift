import Workloads
import Foundation

/// `operationQueue`: an `OperationQueue` with one slot per job.
public struct OperationQueueRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .operationQueue }
    public init() {}

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let control = JobControl(context)
        let slots = OutcomeSlots(count: count, model: model, job: job)
        let queue = OperationQueue()
        queue.name = "kit-operation-queue"
        queue.maxConcurrentOperationCount = max(1, count)
        for index in 0..<count {
            queue.addOperation {
                slots.run(index) { () throws(JobFailure.Cause) in try job.runBlocking(control: control) }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return slots.outcomes
    }
}
