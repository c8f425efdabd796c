import Testing
import Runners
import Workloads

@Suite("Every model, I/O job")
struct ModelIOTests {
    @Test("K GETs of /delay/0.05 on the embedded server all return 200 with the body", arguments: ConcurrencyModel.allCases)
    func everyModelFetches(model: ConcurrencyModel) async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let job = Job.delayRequest(DelayRequestJob(base: server.baseURL, delay: 0.05))
        let results = try await model.runner.results(job, count: 6)
        #expect(results.count == 6)
        let bodies = Set(results)
        #expect(bodies.count == 1, "every job must see the same answer, got \(bodies)")
        guard case .response(let status, let bytes)? = results.first else {
            Issue.record("expected a response, got \(results)")
            return
        }
        #expect(status == 200)
        #expect(bytes > 50)
    }

    @Test("an unreachable URL fails every job with an error naming the URL", arguments: ConcurrencyModel.allCases)
    func unreachable(model: ConcurrencyModel) async throws {
        let closed = ClosedPort()
        defer { withExtendedLifetime(closed) {} }
        let job = Job.delayRequest(DelayRequestJob(base: HTTPURL(host: "127.0.0.1", port: closed.port), delay: 0))
        let outcomes = await model.runner.run(job, count: 2, context: RunContext(timeout: .seconds(10)))
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else {
                Issue.record("\(model): expected a failure, got \(outcome)")
                continue
            }
            #expect(failure.description.contains("127.0.0.1:\(closed.port)"), "\(failure)")
            #expect(failure.description.contains(model.rawValue))
        }
    }

    @Test("a request slower than the run's timeout fails with a timeout, no hang", arguments: ConcurrencyModel.allCases)
    func timeout(model: ConcurrencyModel) async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let job = Job.delayRequest(DelayRequestJob(base: server.baseURL, delay: 10))
        let (outcomes, timing) = await Stopwatch.time {
            await model.runner.run(job, count: 2, context: RunContext(timeout: .milliseconds(300)))
        }
        // The cause check below proves the timeout fired (the 10 s response would
        // have succeeded); this bound only guards against a hang, and is generous
        // because a sanitizer and parallel suites can stall a run for seconds.
        #expect(timing.wall < 60, "the run must not hang")
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else {
                Issue.record("\(model): expected a timeout, got \(outcome)")
                continue
            }
            #expect(failure.isTimeout, "\(failure)")
        }
    }
}

extension JobFailure {
    /// Whether the job ran out of time, by the run's deadline or the client's.
    var isTimeout: Bool {
        switch cause {
        case .timedOut: true
        case .http(.timedOut): true
        default: false
        }
    }
}
