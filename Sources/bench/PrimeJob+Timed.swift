import Runners
import Synchronization
import Workloads

extension PrimeJob {
    /// The job's count did not match the reference: the timing is of broken work.
    struct WrongCount: Error, CustomStringConvertible {
        var limit: Int
        var counted: Int
        var expected: Int
        var description: String { "the job counted \(counted) primes below \(limit), expected \(expected)" }
    }

    /// Seconds one run of the job takes, with its count checked against `expected`.
    ///
    /// A timed `run()` whose count goes unused is work the release optimiser may
    /// delete (a timed loop printed 0.01 ms for a 28 ms job): the limit is read
    /// through an atomic, so no run can be folded into another or hoisted out of
    /// the clock readings, and the count is compared, so none can be dropped.
    func timedRun(expected: Int) throws(WrongCount) -> Double {
        let opaqueLimit = Atomic<Int>(limit)
        let (count, timing) = Stopwatch.time { PrimeJob(limit: opaqueLimit.load(ordering: .relaxed)).run() }
        guard count == expected else { throw WrongCount(limit: limit, counted: count, expected: expected) }
        return timing.wall
    }
}
