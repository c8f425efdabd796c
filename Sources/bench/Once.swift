import Runners
import Workloads

/// `bench once MODEL [--jobs K] [--limit N]`: one model, one run of K
/// prime-counting jobs, no timing, no report; prints `<count> primes` per job.
///
/// The performance gate runs it under valgrind to count the instructions a
/// model executes (children included, for `processes`); it suits any other
/// profiler too. Exit status 1 when a job failed.
enum Once {
    struct Options: Sendable, Equatable {
        var model: ConcurrencyModel
        var jobs = 4
        var limit = 100_000
    }

    static func run(_ options: Options) -> Int32 {
        let job = Job.primes(PrimeJob(limit: options.limit))
        let outcomes = options.model.runner.runBlocking(job, count: options.jobs, context: RunContext(timeout: .seconds(3_600)))
        var status: Int32 = 0
        for outcome in outcomes {
            switch outcome {
            case .success(let result): print(result)
            case .failure(let failure):
                Progress.warn("bench once: \(failure)")
                status = 1
            }
        }
        return status
    }
}
