import Testing
import Workloads
@testable import bench

/// `PrimeJob.timedRun`, which `bench payload` compares a payload's cost with.
@Suite("a timed prime job")
struct TimedRunTests {
    @Test("times the work it names: ten times the limit takes over five times as long")
    func timesRealWork() throws {
        // A run whose count went unused was deleted by the release optimiser: 0.01 ms for a ~28 ms job.
        func least(_ limit: Int) throws -> Double {
            let expected = ReferencePrimeCount.count(below: limit)
            return try (0..<3).map { _ in try PrimeJob(limit: limit).timedRun(expected: expected) }.min()!
        }
        let small = try least(20_000), large = try least(200_000)
        #expect(small > 0.000_05, "a 20000-prime job in \(small * 1000) ms")  // ~1 ms even in release
        #expect(large > 5 * small, "10x the limit took \(large / small)x the time")  // ~25x: n^1.5 / log n
    }

    @Test("a wrong count is an error that names it, not a timing")
    func wrongCount() {
        #expect(throws: PrimeJob.WrongCount.self) { try PrimeJob(limit: 1_000).timedRun(expected: 167) }
        let error = PrimeJob.WrongCount(limit: 1_000, counted: 168, expected: 167)
        #expect(error.description == "the job counted 168 primes below 1000, expected 167")
    }
}
