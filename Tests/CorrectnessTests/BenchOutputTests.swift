import Benchmarks
import Foundation
import Gate
import Testing
import Workloads

/// Where bench's results go: checked before any work, never lost, and the
/// server's address readable by a script.
@Suite("bench output destinations")
struct BenchOutputTests {
    @Test("an unwritable -o or --chart is refused before anything runs", arguments: [
        ["-o", "/nonexistent/dir/x.json"], ["--chart", "/proc/x.svg"], ["-o", "/tmp"],
    ])
    func unwritableDestinationIsRefusedFirst(flags: [String]) async throws {
        // A run that would take many minutes if it started measuring: finishing within the hang
        // guard with exit 2 proves the destination was checked first (no wall-clock bound here).
        let run = try await BenchExecutable.run(["--workload", "cpu", "--limit", "50000000", "--quiet"] + flags,
                                                timeout: .seconds(60))
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("cannot write \(flags[0]) \(flags[1])") && run.stderr.contains("Nothing was run"))
    }

    @Test("bench serve --port 0 prints its real address at once, even into a file")
    func serveAnnouncesItsPort() async throws {
        let server = try BenchExecutable.start(["serve", "--port", "0"])
        var line: Substring?
        for _ in 0..<50 where line == nil {  // up to 5 s
            try await Task.sleep(for: .milliseconds(100))
            line = server.stdoutSoFar().split(separator: "\n").first { $0.contains("listening on http://127.0.0.1:") }
        }
        let announced = try #require(line, "no listening line in stdout")
        let address = try #require(announced.split(separator: " ").first { $0.hasPrefix("http://") })
        let url = try HTTPURL(String(address))
        #expect(url.port != 0)
        let response = try BlockingHTTPClient.get(url.replacingTarget("/get"), timeout: .seconds(5))
        #expect(response.status == 200)
        server.process.interrupt()
        let finished = await server.finish(timeout: .seconds(10))
        #expect(finished.status == 128 + SIGINT, "Ctrl-C must stop bench serve")
    }
}

/// bench's "vs baseline" column is the gate's own comparison.
@Suite("bench vs baseline")
struct BenchBaselineTests {
    /// The prime limit the committed baseline of this build was recorded with, read from the file
    /// itself, so this test follows the gate's sizes instead of repeating them.
    static func primeLimit() throws -> Int {
        #if DEBUG
        let file = "debug.json"
        #else
        let file = "release.json"
        #endif
        let data = try Data(contentsOf: URL(fileURLWithPath: baselines).appendingPathComponent(file))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let serial = try #require((root["benchmarks"] as? [String: Any])?["cpu.serial"] as? [String: Any])
        let limit = (serial["parameters"] as? [String: String])?["primeLimit"]
        return try #require(limit.flatMap(Int.init))
    }

    static var baselines: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("baselines").path
    }

    /// Why the committed debug baselines are from another machine, or `nil` on the machine that recorded them:
    /// bench compares stored numbers only there.
    static func otherMachine() throws -> String? {
        let gate = try Gate(directory: URL(fileURLWithPath: baselines), current: Catalog.currentBuild,
                            fingerprint: Catalog.fingerprint, configuration: .standard, build: "debug")
        let serial = try #require(try gate.baseline(for: BenchmarkID(job: "cpu", model: "serial")))
        return Catalog.fingerprint.mismatch(serial.recorded.machine)
    }

    @Test("a run at the baseline's sizes gets a non-empty vs baseline column on the recording machine, a note elsewhere")
    func matchingRunIsCompared() async throws {
        let run = try await BenchExecutable.run(
            ["--workload", "cpu", "--limit", String(try Self.primeLimit()), "--cpu-jobs", "4", "--rounds", "5",
             "--baselines", Self.baselines, "--format", "csv", "--quiet"], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(lines.first?.firstIndex(of: "vs_baseline"))
        let compared = lines.dropFirst().filter { $0.count > column && !$0[column].isEmpty && $0[column] != "\"\"" }
        if try Self.otherMachine() == nil {
            #expect(compared.count >= 8, "\(run.stdout)")
        } else {
            #expect(compared.isEmpty, "stored numbers from another machine were compared: \(run.stdout)")
        }
    }

    @Test("a run at other sizes says which sizes would match")
    func otherSizesAreExplained() async throws {
        let run = try await BenchExecutable.run(BenchEndToEndTests.tiny + ["--baselines", Self.baselines])
        #expect(run.status == 0)
        let expected = try Self.otherMachine() == nil ? "reproduces the recorded sizes" : "recorded on another machine"
        #expect(run.stdout.contains("vs baseline:") && run.stdout.contains(expected), "\(run.stdout)")
    }

    @Test("a --baselines directory that does not exist is said, not skipped in silence")
    func missingDirectoryIsSaid() async throws {
        let run = try await BenchExecutable.run(BenchEndToEndTests.tiny + ["--baselines", "/nonexistent/dir"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("vs baseline: /nonexistent/dir is not a directory: give --baselines"), "\(run.stdout)")
        #expect(!run.stdout.contains("PERF_BASELINES"), "\(run.stdout)")
    }
}

@Suite("bench tables")
struct BenchTableTests {
    @Test("a failed model: one row saying failed, its error once as a footnote, every line <= 120 columns")
    func failedModelIsAFootnote() async throws {
        let run = try await BenchExecutable.run(BenchEndToEndTests.tiny.filter { $0 != "--quiet" } + ["-q"],
                                                environment: ["KIT_WORKER_PATH": "/nonexistent/bench-worker"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.filter { $0.count > 120 })")
        let row = try #require(lines.first { $0.hasPrefix("processes ") })
        #expect(row.contains("failed [1]") && !row.contains("x "))
        #expect(lines.filter { $0.contains("/nonexistent/bench-worker") }.count == 1)
        #expect(lines.contains { $0.hasPrefix("  * [1] processes:") })
        #expect(lines.filter { $0.contains("processes failed") }.count == 1)
    }
}

@Suite("bench --python")
struct BenchPythonTests {
    static let small = ["--python", "--limit", "3000", "--jobs", "4", "--delay", "0.05", "--rounds", "1", "-q",
                        "--mixed-jobs", "2", "--mixed-limit", "3000", "--mixed-delay", "0.01"]

    @Test("with python3: Swift and Python measured in the same run, side by side with their ratio",
          .enabled(if: ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
              .contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") } == true))
    func sideBySide() async throws {
        let run = try await BenchExecutable.run(Self.small, timeout: .seconds(120))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("Swift and Python side by side, both measured in this run (Python 3.") })
        for (job, swift, python) in [("cpu", "threads", "threading"), ("io", "eventLoop", "asyncio")] {
            let rows: [[Substring]] = lines.map { $0.split(separator: " ") }
            let row = rows.first { (cells: [Substring]) -> Bool in
                cells.count == 6 && cells[0] == job && cells[1] == swift && cells[3] == python
            }
            #expect(row?.last?.hasSuffix("x") == true, "no \(job) \(swift)/\(python) row in\n\(run.stdout)")
        }
        #expect(lines.allSatisfy { $0.count <= 120 })
    }

    @Test("without python3 on PATH it says so and prints Swift alone, exit 0")
    func withoutPython() async throws {
        let run = try await BenchExecutable.run(Self.small, environment: ["PATH": "/nonexistent"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Python: python3 is not on PATH: Swift alone"))
        #expect(!run.stdout.contains("side by side"))
    }
}
