import Foundation
import Synchronization
import Runners
import Testing

/// `bench --url` at a server that streams forever (issue 20, acceptance 2): every
/// model fails within --timeout + 1 s, memory stays bounded, the next model runs.
@Suite("bench against hostile servers")
struct BenchHostileServerTests {
    static let getAnswer = HostileServer.Answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
    static let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    static let endless = String(repeating: "1;" + String(repeating: "e", count: 4000) + "\r\nx\r\n", count: 16)

    /// The largest VmHWM (peak RSS, MiB) seen in /proc while `running` runs, and how it ended.
    /// The watcher is a thread of its own: a pool task was starved by the suites running beside
    /// this one (CI saw it never read once in the whole 10 s run).
    func finishWatchingMemory(_ running: BenchExecutable.Running) async -> (BenchExecutable.Finished, Int) {
        final class Watch: Sendable {
            let state = Mutex((peakMiB: 0, done: false))
        }
        let pid = running.process.processIdentifier
        let watch = Watch()
        let watcher = Thread {
            while !watch.state.withLock({ $0.done }) {
                let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
                if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                   let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                    watch.state.withLock { $0.peakMiB = max($0.peakMiB, kib / 1024) }
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        watcher.start()
        let finished = await running.finish(timeout: .seconds(120))
        return (finished, watch.state.withLock { $0.done = true; return $0.peakMiB })
    }

    /// Seconds in the table row of `model` (the first number after its name: "blockingTasks (anti-pattern)  1.001").
    func seconds(of model: String, in report: String) -> Double? {
        let row = report.split(separator: "\n").first { $0.hasPrefix(model + " ") }
        return row.flatMap { $0.split(separator: " ").dropFirst().lazy.compactMap { Double($0) }.first }
    }

    @Test("a server streaming /delay forever: every model fails on time, RSS under 200 MB")
    func streamingForever() async throws {
        let server = HostileServer { target in
            target == "/get" ? Self.getAnswer : HostileServer.Answer(Self.chunkedHead, repeating: Self.endless)
        }
        defer { server.stop() }
        let models = ConcurrencyModel.allCases.map(\.rawValue)
        let running = try BenchExecutable.start([
            "--workload", "io", "--url", "http://127.0.0.1:\(server.port)", "--models", models.joined(separator: ","),
            "--jobs", "2", "--rounds", "1", "--timeout", "1", "--quiet",
        ])
        let (run, peakMiB) = await finishWatchingMemory(running)
        #expect(run.status == 1, "\(run.stderr)")
        for model in models {
            let time = try #require(seconds(of: model, in: run.stdout), "no row for \(model):\n\(run.stdout)")
            #expect(time >= 1 && time < 2, "\(model) took \(time) s")
        }
        // Footnotes wrap; a job fails by the client's deadline or the run's, both 1 s.
        let footnotes = run.stdout.replacingOccurrences(of: "\n    ", with: " ").split(separator: "\n")
            .filter { $0.contains("FAILED") }
        #expect(footnotes.count == models.count, "\(run.stdout)")
        // The client's own deadline is what is left of the run's 1 s when it starts: "within 0.994 s" under load.
        #expect(footnotes.allSatisfy { $0.contains("timed out after 1 s")
            || $0.range(of: #"within (1|0\.9[0-9]*) s"#, options: .regularExpression) != nil }, "\(run.stdout)")
        #expect(peakMiB > 0 && peakMiB < 200)
        #expect(server.bytesSent.load(ordering: .relaxed) > 1 << 20)
    }

    @Test("after a model that met an endless stream, the next model runs normally")
    func nextModelRuns() async throws {
        let streams = Atomic<Int>(0)
        let server = HostileServer { target in
            guard target != "/get" else { return Self.getAnswer }
            // The first model's two /delay requests (warm-up, round) get the endless stream.
            guard streams.add(1, ordering: .relaxed).oldValue < 2 else { return Self.getAnswer }
            return HostileServer.Answer(Self.chunkedHead, repeating: Self.endless)
        }
        defer { server.stop() }
        let run = try await BenchExecutable.run([
            "--workload", "io", "--url", "http://127.0.0.1:\(server.port)", "--models", "eventLoop,tasks",
            "--jobs", "1", "--rounds", "1", "--timeout", "1", "--quiet",
        ], timeout: .seconds(60))
        let rows = run.stdout.split(separator: "\n")
        #expect(rows.first { $0.hasPrefix("eventLoop ") }?.contains("failed") == true, "\(run.stdout)")
        #expect(rows.first { $0.hasPrefix("tasks ") }?.contains("ok") == true, "\(run.stdout)")
    }
}
