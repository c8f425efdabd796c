import Glibc
import Testing
@testable import Runners
@testable import Workloads
@testable import bench

/// Errors name the real cause, with one way of printing durations.
@Suite("Error messages")
struct ErrorMessageTests {
    @Test("running out of file descriptors names the process's limit, not the server")
    func fileLimitIsNamed() {
        let text = HTTPClientError.connectionFailed("http://127.0.0.1:1/get", errno: EMFILE).description
        #expect(text.contains("ulimit -n") && !text.contains("not overloaded"))
        #expect(fileLimitAdvice(ECONNRESET) == nil)
        #expect(HTTPClientError.connectionFailed("u", errno: ECONNRESET).description.contains("not overloaded"))
    }

    @Test("durations print with at most three decimals", arguments: [
        (2.999998718, "3"), (0.25, "0.25"), (30, "30"), (0.0004, "0"), (1.2346, "1.235"),
    ])
    func secondsText(value: Double, text: String) {
        #expect(value.secondsText == text)
    }

    @Test func timeoutsUseIt() {
        #expect(HTTPClientError.timedOut("u", seconds: 2.999998718).description.contains("within 3 s"))
        #expect(JobFailure.Cause.timedOut(.nanoseconds(2_999_998_718)).description.contains("after 3 s"))
    }

    @Test("--jobs takes both workloads' tighter limit")
    func jobsLimit() async throws {
        let run = try await BenchExecutable.run(["--jobs", "5000", "--workload", "cpu"])
        #expect(run.status == 2 && run.stderr.contains("--jobs takes a whole number in 1...1000"))
    }
}

@Suite("bench timeouts")
struct BenchTimeoutTests {
    @Test("--timeout governs each request, not only the run (requests used to stop at 30 s whatever it said)")
    func timeoutReachesRequests() throws {
        var options = BenchOptions()
        options.timeout = 100
        guard case .delayRequest(let job) = Experiment.delayJob(options, base: try HTTPURL("http://127.0.0.1:9"), delay: 1)
        else { Issue.record("not a delay request"); return }
        #expect(job.timeout == .seconds(100))
    }
}
