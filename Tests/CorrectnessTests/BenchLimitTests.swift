import Gate
import Foundation
import Glibc
import Testing
import Workloads
@testable import bench

/// No crash on tiny values or exhausted limits (issue 20, items 4 and 5): each
/// becomes an error that names the limit and what to do.
@Suite("bench at its limits")
struct BenchLimitTests {
    func footnotes(_ report: String) -> [String] {
        // A footnote and its continuation lines, joined.
        report.replacingOccurrences(of: "\n    ", with: " ").split(separator: "\n")
            .filter { $0.contains("FAILED") }.map(String.init)
    }

    @Test("a delay below 1 ms is refused, not a crash in the decision guide", arguments: ["--delay", "--mixed-delay"])
    func tinyDelay(flag: String) async throws {
        let run = try await BenchExecutable.run(["--workload", "io", flag, "1e-30", "--jobs", "2", "--rounds", "1",
                                                 "--models", "serial", "-q"])
        #expect(run.reason == .exit && run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(flag) takes 0 or 0.001...10 seconds"), "\(run.stderr)")
    }

    @Test("figures too large for Int print in exponent form instead of trapping")
    func hugeFigures() {
        #expect(Format.fixed(1e27, digits: 1) == "1e+27")
        #expect(Format.fixed(-9.5e18, digits: 0) == "-9.5e+18")
        #expect(Format.fixed(12.345, digits: 1) == "12.3")
    }

    @Test("too few file descriptors to start: exit 1 naming ulimit -n, no trap", arguments: ["-n 5", "-n 8"])
    func noDescriptorsAtStart(limit: String) async throws {
        let run = try await BenchExecutable.run(["--workload", "cpu", "--limit", "2000", "--rounds", "1", "-q"],
                                                ulimit: limit)
        #expect(run.reason == .exit && run.status == 1, "\(run.reason) \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("`ulimit -n`") && run.stderr.contains("Nothing was run"), "\(run.stderr)")
    }

    @Test("fds exhausted mid-run: every failure names ulimit -n, none blames the server")
    func descriptorsExhaustedDuringRun() async throws {
        let run = try await BenchExecutable.run(
            ["--workload", "io", "--jobs", "100", "--delay", "0.02", "--rounds", "1", "--timeout", "3",
             "--models", "threads,tasks,eventLoop,hybrid", "-q"], timeout: .seconds(120), ulimit: "-n 32")
        #expect(run.reason == .exit && run.status == 1, "\(run.reason) \(run.status): \(run.stderr)")
        let failures = footnotes(run.stdout)
        #expect(failures.count == 4, "\(run.stdout)")
        for failure in failures {
            #expect(failure.contains("`ulimit -n`") && !failure.contains("stuck or overloaded"), "\(failure)")
        }
    }

    @Test("one model's idle keep-alive sockets do not starve the next (ulimit -n 300, 100 GETs)")
    func idleConnectionsReleasedBetweenModels() async throws {
        // tasks leaves 100 idle client sockets on the shared loop and the embedded server
        // holds their 100 ends: 200 of 300 fds. eventLoop needs 200 more (before: failed
        // after 5 s with "too many open files"; now tasks' sockets are closed first).
        let run = try await BenchExecutable.run(
            ["--workload", "io", "--io-jobs", "100", "--delay", "0.05", "--rounds", "2", "--timeout", "5",
             "--models", "tasks,eventLoop,hybrid", "-q"], timeout: .seconds(120), ulimit: "-n 300")
        #expect(run.status == 0, "\(run.stdout)")
        for model in ["tasks", "eventLoop", "hybrid"] {
            let row = run.stdout.split(separator: "\n").first { $0.hasPrefix(model + " ") }
            #expect(row?.contains("ok (HTTP 200") == true, "\(model): \(run.stdout)")
        }
    }

    @Test("a thread or loop that cannot start names ulimit -u or ulimit -n, not a bare errno")
    func limitMessages() {
        #expect(limitAdvice(EAGAIN)?.contains("`ulimit -u`") == true)
        #expect(limitAdvice(EMFILE)?.contains("`ulimit -n`") == true)
        #expect(limitAdvice(ECONNRESET) == nil)
        let loop = HTTPClientError.eventLoopUnavailable("http://127.0.0.1:1/get", errno: EMFILE).description
        #expect(loop.contains("cannot start the event loop") && loop.contains("`ulimit -n`"))
        #expect(DelayServerError.cannotStart(errno: EAGAIN).description.contains("`ulimit -u`"))
    }
}
