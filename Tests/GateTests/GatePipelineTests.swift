import Foundation
import Testing
@testable import Gate

/// The gate's whole pipeline with real child processes (stand-ins for `bench
/// sample` that print canned trials): plan, trials, judgement, confirmation,
/// recording, report; and a run that verified nothing fails.
@Suite("Gate pipeline")
struct GatePipelineTests {
    /// No waiting: tests run beside each other.
    func configuration(record: GateConfiguration.RecordMode = .never, reference: Build? = nil) -> GateConfiguration {
        var configuration = GateConfiguration.standard
        configuration.confirmationPause = 0
        configuration.quietWaitBudget = 0
        configuration.record = record
        configuration.referenceBench = reference?.bench
        return configuration
    }

    func gate(_ directory: URL, current: Build, reference: Build? = nil, record: GateConfiguration.RecordMode = .never,
              build: String = "release", machine: Fingerprint = testMachine) throws -> Gate {
        try Gate(directory: directory, current: current, fingerprint: machine,
                 configuration: configuration(record: record, reference: reference), build: build)
    }

    /// A fresh directory holding a release baseline of 30 trials recorded on `machine`.
    func recorded(_ machine: inout SyntheticMachine) throws -> URL {
        let directory = try temporaryDirectory()
        try write(baselineEntry(machine.cpuBatch(width: 2, count: 30)), to: directory)
        return directory
    }

    func write(_ entry: BenchmarkBaseline, to directory: URL) throws {
        try BaselineStore.write(BaselineFile(configuration: "release", benchmarks: ["cpu.threads": entry]),
                                to: directory.appendingPathComponent("release.json").path)
    }

    @Test func missingBaselinesDirectoryIsAnError() throws {
        let bench = try fakeBench("current", trials: [])
        #expect {
            try Gate(directory: URL(fileURLWithPath: "/nonexistent/baselines"), current: bench, fingerprint: testMachine,
                     configuration: .standard)
        } throws: { error in
            String(describing: error).contains("the baselines directory does not exist")
        }
    }

    @Test func benchmarkWithoutBaselineFailsAsUnverified() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 1))
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let report = try gate(try temporaryDirectory(), current: current).run(syntheticBenchmark())
        #expect(report.outcome == .unverified && report.failed)
        #expect(report.notes.joined().contains("make rebaseline"))
    }

    @Test("interleaved with an unchanged reference on a machine 40 % slower than the recording one: pass")
    func pairedUnchangedPasses() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 2))
        let directory = try recorded(&machine)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2, scale: 1.4)))
        let reference = try fakeBench("reference", trials: trials(machine.cpuBatch(width: 2, scale: 1.4)))
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(report.outcome == .pass, "\(report.rendered())")
        #expect(report.comparison?.contains("interleaved pairs") == true)
        #expect(report.rendered().contains("  machine: \(testMachine.cpu); \(testMachine.cores)\n"))
    }

    @Test("a 15 % slower current build against its reference: a confirmed regression")
    func pairedSlowdownFails() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 3))
        let directory = try recorded(&machine)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2, slowdown: 0.15)))
        let reference = try fakeBench("reference", trials: trials(machine.cpuBatch(width: 2)))
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(report.outcome == .regression && report.failed, "\(report.rendered())")
        let row = try #require(report.rows.first { $0.metric == .wallPerCal })
        #expect(row.note.contains("confirmed") && row.interval != nil)
        #expect(report.rendered().split(separator: "\n").allSatisfy { $0.count <= 120 })
    }

    @Test("a failure is judged again with a fresh batch added, not replaced by it",
          arguments: [(0.03, true), (-0.15, false)])
    func confirmationAddsAFreshBatch(freshSlowdown: Double, fails: Bool) throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 10))
        let directory = try recorded(&machine)
        // The warm-up, ten trials 15 % slower, then the fresh batch's ten.
        let first = trials(machine.cpuBatch(width: 2, slowdown: 0.15, count: 11))
        let current = try fakeBench("current", trials: first + trials(machine.cpuBatch(width: 2, slowdown: freshSlowdown)))
        let reference = try fakeBench("reference", trials: trials(machine.cpuBatch(width: 2, count: 21)))
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        let row = try #require(report.rows.first { $0.metric == .cpu })
        #expect(report.failed == fails, "\(report.rendered())")
        #expect(report.comparison?.contains("in 20 interleaved pairs") == true, "\(report.rendered())")
        if fails {
            // Alone, the fresh batch (+3 %) is within the 5 % limit; with the first it is not.
            #expect(row.verdict == .regression && row.note.contains("confirmed with 10 fresh pairs added"))
        } else {
            #expect(row.verdict == .pass && row.note.contains("not confirmed: 10 pairs said REGRESSION"), "\(report.rendered())")
        }
    }

    @Test("a reference older than a metric: that metric is judged by its promise, the others against the reference")
    func referenceWithoutAMetric() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 8))
        let directory = try recorded(&machine)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let older = trials(machine.cpuBatch(width: 2)).map { trial in
            SampleSet(Dictionary(uniqueKeysWithValues: trial.metrics.filter { $0 != .utilization }.map { ($0, trial[$0]) }))
        }
        let reference = try fakeBench("reference", trials: older)
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(report.outcome == .pass, "\(report.rendered())")
        let utilization = try #require(report.rows.first { $0.metric == .utilization })
        #expect(utilization.step == .promised && utilization.note.contains("does not measure utilization"))
        #expect(report.rows.first { $0.metric == .wallPerCal }?.step == .beyondLimit)
    }

    @Test("allocations: one more per job than the reference fails, confirmed; a pool's once-per-run one and exactly the slack pass",
          arguments: [(13.0, 12.0, true), (12.25, 12, false), (12.5, 12, false), (80.75, 81.25, false), (81.75, 81.25, false)])
    func extraAllocationPerJobFails(perJob: Double, referencePerJob: Double, fails: Bool) throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 9))
        let directory = try recorded(&machine)
        // Every third trial a pool grows mid-run: the least of the trials is the count.
        let current = try fakeBench("current", trials: Self.counting(&machine) { perJob + ($0 % 3 == 0 ? 40 : 0) })
        let reference = try fakeBench("reference",
                                      trials: Self.counting(&machine) { referencePerJob + ($0 % 3 == 0 ? 40 : 0) })
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        let row = try #require(report.rows.first { $0.metric == .allocations })
        #expect(row.baseline == referencePerJob && row.current == perJob, "\(report.rendered())")
        #expect(report.failed == fails, "\(report.rendered())")
        #expect((row.verdict == .pass) == !fails, "\(report.rendered())")
        if fails {
            #expect(row.verdict == .regression && row.note.contains("+1 allocations per job") && row.note.contains("confirmed"))
        }
    }

    @Test("allocations: a least count that one lucky trial set is no regression when the rest did not move")
    func luckyLeastAllocationCountIsNoRegression() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 11))
        let directory = try recorded(&machine)
        // io.hybrid on one core here: 82 or 82.25 per job, and once in 20 reference trials 81.25.
        let current = try fakeBench("current", trials: Self.counting(&machine) { $0 % 2 == 0 ? 82 : 82.25 })
        let reference = try fakeBench("reference",
                                      trials: Self.counting(&machine) { $0 == 3 ? 81.25 : $0 % 2 == 0 ? 82 : 82.25 })
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        let row = try #require(report.rows.first { $0.metric == .allocations })
        #expect(row.baseline == 81.25 && row.current == 82, "\(report.rendered())")
        #expect(!report.failed && row.verdict == .inconclusive(DecisionRule.tooNoisy), "\(report.rendered())")
    }

    /// A batch of trials whose allocation count per job is `perJob(trial index)`.
    static func counting(_ machine: inout SyntheticMachine, perJob: (Int) -> Double) -> [SampleSet] {
        trials(machine.cpuBatch(width: 2)).enumerated().map { index, trial in
            var counted = SampleSet(Dictionary(uniqueKeysWithValues: trial.metrics.filter { $0 != .allocations }
                .map { ($0, trial[$0]) }))
            counted.append(perJob(index), to: .allocations)
            return counted
        }
    }

    @Test("a reference that measures other sizes compares nothing: unverified, with the cause")
    func referenceWithOtherParameters() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 4))
        let directory = try recorded(&machine)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let reference = try fakeBench("reference", trials: trials(machine.cpuBatch(width: 2)), parameters: ["jobs": "8"])
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(report.outcome == .unverified && report.notes.joined().contains("sizes changed"))
    }

    @Test("a reference that answers for another benchmark compares nothing: unverified, with the cause")
    func referenceAnsweringForAnotherBenchmark() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 12))
        let directory = try recorded(&machine)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let reference = try fakeBench("reference", trials: trials(machine.cpuBatch(width: 2)), id: "cpu.tasks")
        let report = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(report.outcome == .unverified && report.notes.joined().contains("it answered for cpu.tasks"),
                "\(report.rendered())")
    }

    @Test("a tolerance edited by hand in the baseline file decides the next run")
    func handEditedToleranceTakesEffect() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 5))
        machine.jitter = 0.002
        let directory = try temporaryDirectory()
        try write(baselineEntry(machine.cpuBatch(width: 2, count: 30), tolerance: 0.05), to: directory)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2, slowdown: 0.08)))
        let reference = try fakeBench("reference", trials: trials(machine.cpuBatch(width: 2)))
        let strict = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(strict.outcome == .regression, "\(strict.rendered())")
        let path = directory.appendingPathComponent("release.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains("\"tolerance\" : 0.05"))
        try text.replacingOccurrences(of: "\"tolerance\" : 0.05", with: "\"tolerance\" : 0.12")
            .write(to: path, atomically: true, encoding: .utf8)
        let relaxed = try gate(directory, current: current, reference: reference).run(syntheticBenchmark())
        #expect(relaxed.outcome == .pass, "\(relaxed.rendered())")
    }

    @Test("debug, even on the recording machine: stored timings decide nothing; promises still do")
    func debugIsPortableOnly() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 6))
        let directory = try temporaryDirectory()
        try BaselineStore.write(BaselineFile(configuration: "debug", benchmarks: [
            "cpu.threads": baselineEntry(machine.cpuBatch(width: 2, count: 30)),
        ]), to: directory.appendingPathComponent("debug.json").path)
        // 30 % slower than recorded, on the same fingerprint: stored numbers would call it a regression.
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2, slowdown: 0.3)))
        let report = try gate(directory, current: current, build: "debug").run(syntheticBenchmark())
        #expect(!report.failed, "\(report.rendered())")
        #expect(report.comparison?.contains("counts and promises only: the debug build") == true)
        #expect(report.machine == testMachine.summary, "the debug report names the machine too")
        let efficiency = try #require(report.rows.first { $0.metric == .efficiency })
        #expect(efficiency.verdict == .pass && efficiency.step == .promised)
    }

    @Test func recordingWritesAReviewableFileThatChecksPass() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 7))
        let directory = try temporaryDirectory()
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2, count: 30)))
        let recorded = try gate(directory, current: current, record: .all).run(syntheticBenchmark())
        #expect(recorded.outcome == .recorded, "\(recorded.notes)")
        let file = try #require(try BaselineStore.read(directory.appendingPathComponent("release.json").path))
        let entry = try #require(file.benchmarks["cpu.threads"])
        #expect(entry.metrics["wallPerCal"]?.samples.count == 30 && entry.recorded.machine.cpu == testMachine.cpu)
        let checked = try gate(directory, current: current, reference: current).run(syntheticBenchmark())
        #expect(checked.outcome == .pass, "\(checked.rendered())")
    }

    @Test("recording refuses an impossible value and leaves the file byte-identical")
    func recordingRefusesImpossibleValues() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 8))
        let directory = try recorded(&machine)
        let path = directory.appendingPathComponent("release.json")
        let before = try Data(contentsOf: path)
        var impossible = SampleSet()
        for _ in 0..<10 {  // 4 jobs in the time of one on 2 cores: efficiency 2
            impossible.append(CPUObservation(wall: 0.025, cpu: 0.1, calibration: 0.01, single: 0.025, jobs: 4, width: 2))
        }
        let current = try fakeBench("current", trials: trials(impossible))
        let report = try gate(directory, current: current, record: .all).run(syntheticBenchmark())
        #expect(report.outcome == .unverified && report.notes.joined().contains("refusing to record"))
        #expect(try Data(contentsOf: path) == before)
    }

    @Test("a long reason is wrapped within 120 columns, every word kept")
    func longNotesAreWrapped() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 9))
        let directory = try temporaryDirectory()
        try write(baselineEntry(machine.cpuBatch(width: 2, count: 30), tolerance: 0.10), to: directory)
        var benchmark = syntheticBenchmark()
        let reason = (1...40).map { "reason\($0)" }.joined(separator: " ")
        benchmark.promiseOnly = [Metric.wallPerCal.name: reason]
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let text = try gate(directory, current: current, reference: current).run(benchmark).rendered()
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 }, "\(text)")
        #expect(text.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("reason") }.count == 40)
    }

    @Test("recording a truncated baseline: refused before any trial, the file kept, advice that is not the same command")
    func recordingOverATruncatedFile() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 10))
        let directory = try recorded(&machine)
        let path = directory.appendingPathComponent("release.json")
        try Data(try Data(contentsOf: path).prefix(200)).write(to: path)
        let before = try Data(contentsOf: path)
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let report = try gate(directory, current: current, record: .all).run(syntheticBenchmark())
        let notes = report.notes.joined(separator: " ")
        #expect(report.outcome == .unverified && notes.contains("git checkout -- \(path.path)"), "\(notes)")
        #expect(!notes.contains("make rebaseline"), "\(notes)")
        #expect(try Data(contentsOf: path) == before)
        #expect(Self.trialsTaken(current) == 0)
    }

    @Test("recording into a directory it cannot write: refused before any trial is measured")
    func recordingIntoAnUnwritableDirectory() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 11))
        let directory = try temporaryDirectory()
        // Root writes through permissions: there the immutable attribute makes the directory unwritable.
        #expect(chmod(directory.path, 0o555) == 0)
        let immutable = geteuid() == 0 && Self.shell("chattr +i '\(directory.path)'")
        defer {
            if immutable { _ = Self.shell("chattr -i '\(directory.path)'") }
            chmod(directory.path, 0o755)
        }
        let probe = directory.appendingPathComponent("probe").path
        try #require(!FileManager.default.createFile(atPath: probe, contents: nil), "cannot make a directory unwritable here")
        let current = try fakeBench("current", trials: trials(machine.cpuBatch(width: 2)))
        let report = try gate(directory, current: current, record: .all).run(syntheticBenchmark())
        let notes = report.notes.joined(separator: " ")
        #expect(report.outcome == .unverified && notes.contains("cannot write in it") && notes.contains("Nothing was measured"),
                "\(notes)")
        #expect(Self.trialsTaken(current) == 0)
    }

    /// How many times a fake bench ran (it counts its runs in a file beside it).
    static func trialsTaken(_ bench: Build) -> Int {
        let count = URL(fileURLWithPath: bench.bench).deletingLastPathComponent().appendingPathComponent("count")
        return (try? String(contentsOf: count, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    static func shell(_ command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("a baseline that is a FIFO is refused at once, not opened (it would block for good)")
    func fifoBaselineIsRefused() throws {
        let directory = try temporaryDirectory()
        #expect(mkfifo(directory.appendingPathComponent("release.json").path, 0o644) == 0)
        let current = try fakeBench("current", trials: [])
        let report = try gate(directory, current: current).run(syntheticBenchmark())
        #expect(report.outcome == .unverified && report.notes.joined().contains("not a regular file"))
    }
}
