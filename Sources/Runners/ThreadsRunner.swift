import Workloads

/// `threads`: one POSIX thread per job, all joined.
public struct ThreadsRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .threads }
    public init() {}

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let control = JobControl(context)
        let slots = OutcomeSlots(count: count, model: model, job: job)
        var threads: [JoinableThread] = []
        for index in 0..<count {
            do throws(JobFailure.Cause) {
                threads.append(try JoinableThread(name: "kit-thread-\(index)") {
                    slots.run(index) { () throws(JobFailure.Cause) in try job.runBlocking(control: control) }
                })
            } catch {
                slots.fail(index, error)
            }
        }
        while let thread = threads.popLast() { thread.join() }
        return slots.outcomes
    }
}
