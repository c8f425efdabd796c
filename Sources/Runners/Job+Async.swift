import Workloads

extension Job {
    /// Runs the job from a task: I/O suspends on `loop` without holding a
    /// thread; CPU work runs on the task's thread, or on `cpu` when given (the
    /// hybrid model hands it from the loop's one thread to a wider pool). The
    /// loop is asked for only when the job does I/O, so CPU runs start no loop thread.
    func run(control: JobControl, loop: () -> EventLoop, cpu: (any TaskExecutor)? = nil)
        async throws(JobFailure.Cause) -> JobResult {
        switch self {
        case .primes(let job):
            return .primeCount(try await job.run(control: control, on: cpu))
        case .delayRequest(let job):
            let response = try await job.run(control: control, loop: loop())
            return .response(status: response.status, bodyBytes: response.bodyBytes)
        case .mixed(let job):
            let response = try await job.request.run(control: control, loop: loop())
            return .mixed(status: response.status, primes: try await job.primes.run(control: control, on: cpu))
        }
    }
}

extension PrimeJob {
    /// Counts on `executor` (nil: where the task runs now), stopping when the task or run is cancelled.
    func run(control: JobControl, on executor: (any TaskExecutor)?) async throws(JobFailure.Cause) -> Int {
        try await withTaskExecutorPreference(executor) { () async throws(JobFailure.Cause) -> Int in
            try run { () throws(JobFailure.Cause) in
                if Task.isCancelled { throw .cancelled }
                try control.checkpoint()
            }
        }
    }
}

extension DelayRequestJob {
    /// The GET, suspended on `loop`, within what the run has left.
    func run(control: JobControl, loop: EventLoop) async throws(JobFailure.Cause) -> DelayResponse {
        try control.checkpoint()
        do {
            return try await limited(to: control.remaining).run(using: EventDrivenHTTPClient(loop: loop))
        } catch let error as HTTPClientError {
            throw .http(error)
        } catch {
            throw .cancelled
        }
    }
}

/// Runs `count` jobs as child tasks and gathers their outcomes in job order.
///
/// - Parameter executor: where the child tasks run (`nil`: the global pool).
/// Cancelling the calling task also sets `control`'s flag, which jobs that
/// block a thread (and never look at `Task.isCancelled`) check.
func gather(
    count: Int,
    model: ConcurrencyModel,
    job: Job,
    control: JobControl,
    on executor: (any TaskExecutor)? = nil,
    _ body: @escaping @Sendable (Int) async throws(JobFailure.Cause) -> JobResult
) async -> [JobOutcome] {
    let slots = OutcomeSlots(count: count, model: model, job: job)
    await withTaskCancellationHandler {
        await runChildren(count: count, slots: slots, on: executor, body)
    } onCancel: {
        control.cancel()
    }
    return slots.outcomes
}

private func runChildren(
    count: Int,
    slots: OutcomeSlots,
    on executor: (any TaskExecutor)?,
    _ body: @escaping @Sendable (Int) async throws(JobFailure.Cause) -> JobResult
) async {
    await withTaskGroup(of: Void.self) { group in
        for index in 0..<count {
            group.addTask(executorPreference: executor) {
                RunProgress.jobStarted()
                do throws(JobFailure.Cause) {
                    slots.record(index, .success(try await body(index)))
                } catch {
                    slots.record(index, .failure(slots.failure(index, error)))
                }
            }
        }
    }
}
