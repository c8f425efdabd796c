import Testing
import Runners
import Workloads

@Suite("Every model, mixed job")
struct ModelMixedTests {
    @Test("K jobs of GET /delay/0.02 then π(10^5): every job answers HTTP 200 and 9592", arguments: ConcurrencyModel.allCases)
    func everyModelFetchesThenCounts(model: ConcurrencyModel) async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let job = Job.mixed(MixedJob(request: DelayRequestJob(base: server.baseURL, delay: 0.02),
                                     primes: PrimeJob(limit: 100_000)))
        let results = try await model.runner.results(job, count: 6)
        #expect(results == Array(repeating: .mixed(status: 200, primes: 9_592), count: 6))
    }

    @Test("an unreachable URL fails the job before any counting, naming the URL", arguments: ConcurrencyModel.allCases)
    func unreachableFailsFirst(model: ConcurrencyModel) async throws {
        let closed = ClosedPort()
        defer { withExtendedLifetime(closed) {} }
        // Counting below 10^9 would take minutes: a job that counted anyway would time out instead.
        let request = DelayRequestJob(base: HTTPURL(host: "127.0.0.1", port: closed.port), delay: 0)
        let job = Job.mixed(MixedJob(request: request, primes: PrimeJob(limit: 1_000_000_000)))
        let outcomes = await model.runner.run(job, count: 2, context: RunContext(timeout: .seconds(20)))
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else {
                Issue.record("\(model): expected a failure, got \(outcome)")
                continue
            }
            #expect(failure.description.contains("127.0.0.1:\(closed.port)"), "\(failure)")
        }
    }

    @Test("the worker's mixed command line and answer round-trip")
    func workerCommandRoundTrip() throws {
        let url = try HTTPURL("http://127.0.0.1:8080/delay/0.1")
        let command = WorkerCommand.mixed(url, timeout: .seconds(30), PrimeJob(limit: 800_000))
        #expect(try WorkerCommand(arguments: command.arguments) == command)
        #expect(WorkerCommand.result(from: WorkerCommand.answer(for: .mixed(status: 200, primes: 63_951)) + "\n")
            == .mixed(status: 200, primes: 63_951))
        #expect(throws: WorkerCommandError.self) { try WorkerCommand(arguments: ["mixed", url.description, "30", "-1"]) }
    }
}
