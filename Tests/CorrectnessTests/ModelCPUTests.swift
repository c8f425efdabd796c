import Testing
import Runners
import Workloads

@Suite("Every model, CPU job")
struct ModelCPUTests {
    @Test("K jobs of π(10^5) give 9592 each", arguments: ConcurrencyModel.allCases)
    func everyModelCountsPrimes(model: ConcurrencyModel) async throws {
        let job = Job.primes(PrimeJob(limit: 100_000))
        let results = try await model.runner.results(job, count: 4)
        #expect(results == Array(repeating: .primeCount(9_592), count: 4))
    }

    @Test("a run past its timeout fails each job with a timeout, naming the job", arguments: ConcurrencyModel.allCases)
    func timeoutNamesTheJob(model: ConcurrencyModel) async {
        let job = Job.primes(PrimeJob(limit: 50_000_000))
        let outcomes = await model.runner.run(job, count: 2, context: RunContext(timeout: .milliseconds(50)))
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else {
                Issue.record("\(model): expected a timeout, got \(outcome)")
                continue
            }
            #expect(failure.cause == .timedOut(.milliseconds(50)))
            #expect(failure.description.contains("primes below 50000000"))
            #expect(failure.description.contains(model.rawValue))
        }
    }

    @Test("zero jobs return no outcomes", arguments: ConcurrencyModel.allCases)
    func zeroJobs(model: ConcurrencyModel) async {
        let outcomes = await model.runner.run(.primes(PrimeJob(limit: 10)), count: 0, context: RunContext())
        #expect(outcomes.isEmpty)
    }
}
