import Workloads

/// One unit of work a runner runs K times.
public enum Job: Sendable, Hashable, CustomStringConvertible {
    /// Count the primes below a limit (CPU-bound).
    case primes(PrimeJob)
    /// GET `<base>/delay/<s>` (I/O-bound).
    case delayRequest(DelayRequestJob)

    public var description: String {
        switch self {
        case .primes(let job): "primes below \(job.limit)"
        case .delayRequest(let job): "GET \(job.url)"
        }
    }

    /// Runs the job on the calling thread, blocking it while I/O waits.
    func runBlocking(control: JobControl) throws(JobFailure.Cause) -> JobResult {
        switch self {
        case .primes(let job):
            return .primeCount(try job.run(checkpoint: control.checkpoint))
        case .delayRequest(let job):
            try control.checkpoint()
            do {
                let response = try job.limited(to: control.remaining).runBlocking()
                return .response(status: response.status, bodyBytes: response.bodyBytes)
            } catch {
                throw .http(error)
            }
        }
    }
}

/// One job's result or the reason it failed.
public typealias JobOutcome = Result<JobResult, JobFailure>

extension DelayRequestJob {
    /// This job with its timeout cut to what the run has left.
    func limited(to remaining: Duration) -> DelayRequestJob {
        var job = self
        job.timeout = min(timeout, remaining)
        return job
    }
}
