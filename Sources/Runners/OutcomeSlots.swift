import Workloads

/// One slot per job, written by the thread that ran the job.
///
/// `@unchecked Sendable` is safe: each index is written by exactly one thread,
/// once, and slots are read only after every writer was joined (thread join,
/// `concurrentPerform` return, operation-queue wait or task-group end), which orders all
/// writes before the read.
final class OutcomeSlots: @unchecked Sendable {
    // A raw buffer, not an array property: concurrent writes to distinct
    // elements of a class's array would be flagged as overlapping accesses.
    private let slots: UnsafeMutableBufferPointer<JobOutcome?>
    private let model: ConcurrencyModel
    private let job: Job

    init(count: Int, model: ConcurrencyModel, job: Job) {
        self.slots = .allocate(capacity: count)
        self.slots.initialize(repeating: nil)
        self.model = model
        self.job = job
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Runs job `index` and stores its outcome.
    func run(_ index: Int, _ body: () throws(JobFailure.Cause) -> JobResult) {
        RunProgress.jobStarted()
        defer { RunProgress.jobFinished() }
        let outcome: JobOutcome
        do {
            outcome = .success(try body())
        } catch {
            outcome = .failure(failure(index, error))
        }
        slots[index] = outcome
    }

    /// Stores job `index`'s outcome.
    func record(_ index: Int, _ outcome: JobOutcome) {
        RunProgress.jobFinished()
        slots[index] = outcome
    }

    /// Records that job `index` could not even start.
    func fail(_ index: Int, _ cause: JobFailure.Cause) {
        slots[index] = .failure(failure(index, cause))
    }

    /// Every outcome; a slot nobody filled reads as cancelled.
    var outcomes: [JobOutcome] {
        slots.indices.map { slots[$0] ?? .failure(failure($0, .cancelled)) }
    }

    func failure(_ index: Int, _ cause: JobFailure.Cause) -> JobFailure {
        JobFailure(index: index, count: slots.count, model: model, job: job.description, cause: cause)
    }
}
