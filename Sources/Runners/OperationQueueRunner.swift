import Workloads
import Foundation

/// `operationQueue`: an `OperationQueue` with one slot per job.
///
/// It waits for its own operations (`addOperations(_:waitUntilFinished:)`, a condition per operation), not with
/// `waitUntilAllOperationsAreFinished()`: Foundation's version of that polls the queue, an array per look, until a
/// finished operation has left it. Measured here, the poll cost 23 to 15 000 allocations per job, and under valgrind
/// on one core one scheduling quantum more or less of it (1.27 M instructions, 2.5 % of the count) from run to run.
public struct OperationQueueRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .operationQueue }
    public init() {}

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let control = JobControl(context)
        let slots = OutcomeSlots(count: count, model: model, job: job)
        let queue = OperationQueue()
        queue.name = "kit-operation-queue"
        queue.maxConcurrentOperationCount = max(1, count)
        let operations = (0..<count).map { index in
            BlockOperation { slots.run(index) { () throws(JobFailure.Cause) in try job.runBlocking(control: control) } }
        }
        queue.addOperations(operations, waitUntilFinished: true)
        return slots.outcomes
    }
}
