import Workloads

/// `gil`: one thread per job, but a thread must hold a global lock to run,
/// as Python threads must hold the GIL. CPU jobs take turns (5 ms each), so
/// they run no faster than serial: the article's threading result. I/O waits
/// release the lock, so I/O jobs still overlap.
public struct GILRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .gil }

    /// CPython's default `sys.getswitchinterval()`.
    public var switchInterval: Duration

    public init(switchInterval: Duration = .milliseconds(5)) {
        self.switchInterval = switchInterval
    }

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let control = JobControl(context)
        let slots = OutcomeSlots(count: count, model: model, job: job)
        let gil = GlobalInterpreterLock(switchInterval: switchInterval)
        var threads: [JoinableThread] = []
        for index in 0..<count {
            do throws(JobFailure.Cause) {
                threads.append(try JoinableThread(name: "kit-gil-\(index)") {
                    gil.acquire()
                    defer { gil.release() }
                    slots.run(index) { () throws(JobFailure.Cause) in try job.runHolding(gil, control: control) }
                })
            } catch {
                slots.fail(index, error)
            }
        }
        while let thread = threads.popLast() { thread.join() }
        return slots.outcomes
    }
}

extension Job {
    /// Runs the job by a thread that holds `gil`: CPU work offers the lock
    /// between slices; blocking I/O lets it go while waiting.
    fileprivate func runHolding(_ gil: GlobalInterpreterLock, control: JobControl) throws(JobFailure.Cause) -> JobResult {
        switch self {
        case .primes(let job):
            return .primeCount(try job.run(holding: gil, control: control))
        case .delayRequest:
            gil.release()
            defer { gil.acquire() }
            return try runBlocking(control: control)
        case .mixed(let job):
            gil.release()
            let response: DelayResponse
            do {
                defer { gil.acquire() }
                response = try job.request.runBlocking(control: control)
            }
            return .mixed(status: response.status, primes: try job.primes.run(holding: gil, control: control))
        }
    }
}

extension PrimeJob {
    /// Counts, offering the lock between slices.
    fileprivate func run(holding gil: GlobalInterpreterLock, control: JobControl) throws(JobFailure.Cause) -> Int {
        try run { () throws(JobFailure.Cause) in
            gil.yieldIfRequested()
            try control.checkpoint()
        }
    }
}
