import Foundation
import Testing

/// Messages name the real cause, each line within 120 columns (issue 20, item 10).
@Suite("bench messages name the cause")
struct BenchMessageTests {
    static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"

    func wide(_ text: String) -> [Substring] { text.split(separator: "\n").filter { $0.count > 120 } }

    @Test("a malformed /get answer is an unusable response, not an unreachable server")
    func malformedProbe() async throws {
        let server = HostileServer(always: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-2\r\nhello\r\n0\r\n\r\n")
        defer { server.stop() }
        let run = try await BenchExecutable.run(["--workload", "io", "--url", "http://127.0.0.1:\(server.port)", "-q"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("answered with an unusable response (bad chunk size '-2')"), "\(run.stderr)")
        #expect(!run.stderr.contains("cannot reach") && wide(run.stderr).isEmpty, "\(run.stderr)")
    }

    @Test("an unreachable --url: one cause, said once, within 120 columns")
    func unreachable() async throws {
        let closed = ClosedPort()
        defer { withExtendedLifetime(closed) {} }
        let run = try await BenchExecutable.run(["--workload", "io", "--url", "http://127.0.0.1:\(closed.port)", "-q"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("nothing listens at http://127.0.0.1:\(closed.port)/get"), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "bench serve").count == 2, "\(run.stderr)")
        #expect(wide(run.stderr).isEmpty, "\(run.stderr)")
    }

    @Test("--url: https names the scheme, not loopback; a path or query is refused, not dropped")
    func urlMistakes() async throws {
        let https = try await BenchExecutable.run(["--url", "https://127.0.0.1:8080"])
        let message = https.stderr.components(separatedBy: "USAGE").first ?? ""  // the usage text follows
        #expect(https.status == 2 && message.contains("plain http") && !message.contains("loopback"), "\(message)")
        #expect(!message.contains("invalid URL"), "the flag and URL once: \(message)")
        let prefixed = try await BenchExecutable.run(["--url", "http://127.0.0.1:8080/api?x=1"])
        #expect(prefixed.status == 2 && prefixed.stderr.contains("/api?x=1 would be ignored"), "\(prefixed.stderr)")
        #expect(wide(prefixed.stderr.components(separatedBy: "USAGE").first ?? "").isEmpty)
    }

    @Test("--models takes All as it takes SERIAL")
    func modelsAllAnyCase() async throws {
        let run = try await BenchExecutable.run(["--models", "All", "--workload", "cpu", "--limit", "2000",
                                                 "--rounds", "1", "-q"], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("blockingTasks"))
    }

    @Test("a server that ignores the delay is said, not read as perfect overlap")
    func serverIgnoresDelay() async throws {
        let server = HostileServer(always: Self.ok)
        defer { server.stop() }
        let run = try await BenchExecutable.run(["--workload", "io", "--url", "http://127.0.0.1:\(server.port)",
                                                 "--delay", "0.5", "--jobs", "4", "--rounds", "1",
                                                 "--models", "serial,tasks", "-q"], timeout: .seconds(60))
        let joined = run.stdout.replacingOccurrences(of: "\n      ", with: " ")
        #expect(joined.contains("less than one delay (0.500 s): the server does not wait"), "\(run.stdout)")
        #expect(!joined.contains("overlapped in about one delay"), "\(run.stdout)")
    }

    @Test("--budget 0 --rounds 5: the title says the one round that ran")
    func roundsRun() async throws {
        let run = try await BenchExecutable.run(["--workload", "cpu", "--limit", "2000", "--rounds", "5",
                                                 "--budget", "0", "--models", "serial", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("each time the median of 1 round"), "\(run.stdout)")
        #expect(!run.stdout.contains("median of 5 rounds"))
    }
}
