import Workloads

/// One unit of work a runner runs K times.
public enum Job: Sendable, Hashable, CustomStringConvertible {
    /// Count the primes below a limit (CPU-bound).
    case primes(PrimeJob)
    /// GET `<base>/delay/<s>` (I/O-bound).
    case delayRequest(DelayRequestJob)
    /// GET, then count primes (the article's mixed case).
    case mixed(MixedJob)

    public var description: String {
        switch self {
        case .primes(let job): "primes below \(job.limit)"
        case .delayRequest(let job): "GET \(job.url)"
        case .mixed(let job): "GET \(job.request.url), then primes below \(job.primes.limit)"
        }
    }

    /// Runs the job on the calling thread, blocking it while I/O waits.
    func runBlocking(control: JobControl) throws(JobFailure.Cause) -> JobResult {
        switch self {
        case .primes(let job):
            return .primeCount(try job.run(checkpoint: control.checkpoint))
        case .delayRequest(let job):
            let response = try job.runBlocking(control: control)
            return .response(status: response.status, bodyBytes: response.bodyBytes)
        case .mixed(let job):
            let response = try job.request.runBlocking(control: control)
            return .mixed(status: response.status, primes: try job.primes.run(checkpoint: control.checkpoint))
        }
    }
}

/// One job's result or the reason it failed.
public typealias JobOutcome = Result<JobResult, JobFailure>

extension DelayRequestJob {
    /// The GET on the calling thread, within what the run has left.
    func runBlocking(control: JobControl) throws(JobFailure.Cause) -> DelayResponse {
        try control.checkpoint()
        do {
            return try limited(to: control.remaining).runBlocking()
        } catch {
            throw .http(error)
        }
    }

    /// This job with its timeout cut to what the run has left.
    func limited(to remaining: Duration) -> DelayRequestJob {
        var job = self
        job.timeout = min(timeout, remaining)
        return job
    }
}
