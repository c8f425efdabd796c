import Foundation
import Runners
import Testing
import Workloads

@Suite("Cancelling a run", .serialized)
struct CancellationTests {
    /// A CPU job far too long to finish: only cancellation can end it early.
    /// Its limit is unique to this suite, so its worker children can be found.
    static let endlessLimit = 987_654_321

    @Test("cancelling the calling task stops every job promptly and leaves no child", arguments: ConcurrencyModel.allCases)
    func cancelStopsTheRun(model: ConcurrencyModel) async throws {
        let job = Job.primes(PrimeJob(limit: Self.endlessLimit))
        let run = Task { await model.runner.run(job, count: 2, context: RunContext(timeout: .seconds(120))) }
        // Cancel from a thread of its own: the `tasks` models' endless jobs hold
        // the cooperative pool, where this test body would wait for its turn.
        let (outcomes, timing) = await Stopwatch.time {
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.3)
                run.cancel()
            }
            return await run.value
        }
        #expect(timing.wall < 60, "\(model): the run took \(timing.wall) s, 0.3 s before cancellation (uncancelled: hours)")
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else {
                Issue.record("\(model): expected a cancelled job, got \(outcome)")
                continue
            }
            #expect(failure.cause == .cancelled, "\(failure)")
        }
        #expect(workersStillRunning(limit: Self.endlessLimit) == 0)
    }
}

/// `bench-worker` processes of this test process still counting below `limit`.
func workersStillRunning(limit: Int) -> Int {
    ChildProcessScan.children(of: getpid())
        .filter { ChildProcessScan.isRunning($0) && ChildProcessScan.arguments(of: $0).contains(String(limit)) }
        .count
}
