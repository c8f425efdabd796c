import Benchmarks
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Runners
import Testing

/// Runs the built `bench` executable the way a user or CI does: flags in,
/// exit status and files out. Small sizes keep each run well under a second.
@Suite("bench end to end")
struct BenchEndToEndTests {
    /// A CPU run that takes milliseconds.
    static let tiny = ["--workload", "cpu", "--limit", "2000", "--rounds", "1", "--quiet"]

    private func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bench-e2e-\(UUID().uuidString)\(suffix)").path
    }

    @Test("a wrong flag prints the usage and exits 2")
    func wrongFlag() async throws {
        let run = try await BenchExecutable.run(["--no-such-flag"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown option: --no-such-flag"))
        #expect(run.stderr.contains("USAGE: bench"))
    }

    @Test("an unknown model exits 2")
    func unknownModel() async throws {
        let run = try await BenchExecutable.run(["--models", "nosuch"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("nosuch"))
    }

    @Test("an unreachable --url exits 1, naming the URL")
    func unreachableURL() async throws {
        let run = try await BenchExecutable.run(["--workload", "io", "--url", "http://127.0.0.1:9", "--rounds", "1", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("http://127.0.0.1:9"))
    }

    @Test("--allocations adds allocations per job, which the JSON always carries: threads allocate more than serial",
          .enabled(if: Allocations.areCounted, "a sanitizer's runtime owns malloc: nothing is counted"))
    func allocationsColumn() async throws {
        let flags = ["--workload", "cpu", "--limit", "2000", "--rounds", "2", "--models", "serial,threads", "--quiet"]
        let plain = try await BenchExecutable.run(flags)
        #expect(plain.status == 0 && !plain.stdout.contains("allocs/job"), "\(plain.stderr)")
        let run = try await BenchExecutable.run(flags + ["--allocations"])
        #expect(run.status == 0, "\(run.stderr)")
        let header = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("model ") })
        #expect(header.contains("allocs/job"))
        let json = try await BenchExecutable.run(flags + ["--format", "json"])
        let root = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let models = try #require(((root?["workloads"] as? [[String: Any]])?.first)?["models"] as? [[String: Any]])
        // Per job, the least of the rounds: serial runs jobs on the caller's thread, threads starts one per job.
        let least = Dictionary(uniqueKeysWithValues: models.map { model in
            (model["model"] as? String ?? "?",
             ((model["samples"] as? [[String: Any]]) ?? []).compactMap { $0["allocations"] as? Double }.min() ?? -1)
        })
        let serial = try #require(least["serial"]), threads = try #require(least["threads"])
        #expect(serial >= 0 && threads > serial, "\(least)")
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("serial ") })
        #expect(row.contains(String(format: "%.2f", serial)), "\(row)")
    }

    @Test("--format json is the whole result, every sample and the host")
    func json() async throws {
        let run = try await BenchExecutable.run(Self.tiny + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["schemaVersion", "host", "parameters", "workloads"])
        let host = try #require(root["host"] as? [String: Any])
        #expect(Set(host.keys) == ["cpu", "cores", "coresFound", "swift", "configuration", "description"])
        let cpu = try #require(host["cpu"] as? [String: Any])
        #expect(Set(cpu.keys) == ["vendor", "family", "model", "stepping", "name", "megahertz"])
        let workloads = try #require(root["workloads"] as? [[String: Any]])
        let models = try #require(workloads.first?["models"] as? [[String: Any]])
        #expect(models.count == ConcurrencyModel.allCases.count)
        for model in models {
            let samples = try #require(model["samples"] as? [[String: Double]])
            #expect(samples.count == 1 && samples[0]["wall"] != nil && samples[0]["cpu"] != nil)
            #expect(model["ok"] as? Bool == true)
        }
    }

    @Test("--format csv has a header and one row per model")
    func csv() async throws {
        let run = try await BenchExecutable.run(Self.tiny + ["--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("workload,model,") == true)
        #expect(lines.count == 1 + ConcurrencyModel.allCases.count)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("cpu,") })
    }

    @Test("--format github is github-action-benchmark's array of {name, unit, value}")
    func github() async throws {
        let run = try await BenchExecutable.run(Self.tiny + ["--format", "github", "--models", "serial,threads"])
        #expect(run.status == 0, "\(run.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["cpu/serial wall", "cpu/threads wall"])
        for entry in entries {
            #expect(entry["unit"] as? String == "s")
            #expect(entry["value"] is Double)
        }
    }

    @Test("--chart writes an SVG that parses as XML; -o writes the report to a file")
    func chart() async throws {
        let chart = temporaryPath(".svg")
        let report = temporaryPath(".md")
        defer { [chart, report].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let run = try await BenchExecutable.run(Self.tiny + ["--models", "serial,threads", "--chart", chart,
                                                             "--format", "markdown", "-o", report])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: chart)))
        let root = RootElementName()
        parser.delegate = root
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(root.name == "svg")
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("| model |"))
    }

    @Test("bench scale: a table per job, where the curves cross, and a chart that parses")
    func scale() async throws {
        let chart = temporaryPath(".svg")
        defer { try? FileManager.default.removeItem(atPath: chart) }
        let run = try await BenchExecutable.run(["scale", "--models", "serial,threads", "--rounds", "1", "--limit", "2000",
                                                 "--delay", "0.01", "--budget", "0.2", "--chart", chart, "-q"],
                                                timeout: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
        for expected in ["CPU-bound: K jobs", "I/O-bound: K concurrent GETs", "K = 1000", "Where the curves cross",
                         "serial: skipped at K = 1000"] {
            #expect(run.stdout.contains(expected), "no \(expected) in\n\(run.stdout)")
        }
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 })
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: chart)))
        let root = RootElementName()
        parser.delegate = root
        #expect(parser.parse() && root.name == "svg")
    }

    @Test("bench shared and bench payload check every total and every byte")
    func pitfalls() async throws {
        let shared = try await BenchExecutable.run(["shared", "--jobs", "1,2", "--increments", "1000", "-q"])
        #expect(shared.status == 0, "\(shared.stderr)")
        #expect(SharedCounter.allCases.allSatisfy { variant in
            shared.stdout.split(separator: "\n").contains { $0.hasPrefix(variant.rawValue + " ") }
        }, "\(shared.stdout)")
        let one = try await BenchExecutable.run(["shared", "--variants", "atomic", "--jobs", "2", "--increments", "10", "-q"])
        #expect(one.status == 0 && one.stdout.contains("atomic ") && !one.stdout.contains("mutex "), "\(one.stdout)")
        let payload = try await BenchExecutable.run(["payload", "--jobs", "2", "--sizes", "0,65536", "--rounds", "1", "-q"])
        #expect(payload.status == 0, "\(payload.stderr)")
        #expect(payload.stdout.contains("64 KiB") && payload.stdout.contains("checked"), "\(payload.stdout)")
    }

    @Test("with GITHUB_STEP_SUMMARY set, the Markdown report is appended to it")
    func stepSummary() async throws {
        let summary = temporaryPath(".md")
        try "earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: summary) }
        let run = try await BenchExecutable.run(Self.tiny + ["--models", "serial,threads"],
                                                environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n"))
        #expect(text.contains("| model |") && text.contains("| :--- |"))
    }

    @Test("SIGINT during a processes run exits 130 and leaves no worker behind")
    func interrupt() async throws {
        let running = try BenchExecutable.start(["--workload", "cpu", "--models", "processes",
                                                 "--limit", "50000000", "--rounds", "1", "--quiet"])
        let pid = running.process.processIdentifier
        // Wait until the workers run, so the test proves they are killed. Under ThreadSanitizer, beside
        // other work, bench took over 8 s to start them: the wait is for an event, so it is long.
        var children: [Int32] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while children.isEmpty, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            children = ChildProcessScan.children(of: pid)
        }
        try await Task.sleep(for: .milliseconds(500))
        children = Array(Set(children + ChildProcessScan.children(of: pid)))
        running.process.interrupt()
        let run = await running.finish(timeout: .seconds(5))
        #expect(!children.isEmpty, "no bench-worker children appeared within 60 s")
        #expect(run.status == 130)
        #expect(run.stderr.contains("interrupted"))
        #expect(children.filter(ChildProcessScan.isRunning).isEmpty, "children still running: \(children)")
    }
    @Test("SIGINT after a model finished prints that model's row on stdout, marked partial")
    func interruptKeepsResults() async throws {
        // The CPU row is done in milliseconds; the I/O run then waits 10 s on each request.
        let running = try BenchExecutable.start(["--workload", "all", "--models", "serial", "--limit", "2000",
                                                 "--delay", "10", "--rounds", "1"])
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while !running.stderrSoFar().contains("cpu serial:"), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.process.interrupt()
        let run = await running.finish(timeout: .seconds(5))
        #expect(run.status == 130)
        #expect(run.stdout.hasPrefix("PARTIAL RESULTS: interrupted after 1 of 3 model runs"), "stdout:\n\(run.stdout)")
        #expect(run.stdout.contains("ok (303 primes)"), "stdout:\n\(run.stdout)")
        #expect(!run.stdout.contains("I/O-bound"), "the interrupted I/O run must not be reported")
    }
}

/// Remembers the name of the document's first element.
/// Unchecked Sendable is sound: XMLParser calls it on the parsing thread only,
/// and the test reads `name` after `parse()` returned.
private final class RootElementName: NSObject, XMLParserDelegate, @unchecked Sendable {
    var name: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == nil { name = elementName }
    }
}
