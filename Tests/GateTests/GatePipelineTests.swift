import Foundation
import Testing
@testable import Gate

/// The gate's whole pipeline on synthetic benchmarks: measure, record or
/// check, confirm, report; and a run that verified nothing fails.
@Suite("Gate pipeline")
struct GatePipelineTests {
    /// No waiting: tests run beside each other.
    var configuration: GateConfiguration {
        var configuration = GateConfiguration.standard
        configuration.confirmationPause = 0
        configuration.quietWaitBudget = 0
        configuration.busyMargin = 100  // other tests of this process are not "others", but CI neighbours might be
        return configuration
    }

    func gate(_ directory: URL, record: GateConfiguration.RecordMode = .never) throws -> Gate {
        var configuration = configuration
        configuration.record = record
        return try Gate(directory: directory, configuration: configuration, build: "release")
    }

    func write(_ entry: BenchmarkBaseline, as id: String = "cpu.threads", to directory: URL) throws {
        try BaselineStore.write(BaselineFile(configuration: "release", benchmarks: [id: entry]),
                                to: directory.appendingPathComponent("release.json").path)
    }

    @Test func missingBaselinesDirectoryIsAnError() {
        #expect {
            try Gate(directory: URL(fileURLWithPath: "/nonexistent/baselines"), configuration: .standard)
        } throws: { error in
            String(describing: error).contains("the baselines directory does not exist")
        }
    }

    @Test func benchmarkWithoutBaselineFailsAsUnverified() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 1))
        let report = try gate(try temporaryDirectory()).run(syntheticBenchmark(batches: [machine.cpuBatch(width: 2)]))
        #expect(report.outcome == .unverified && report.failed)
        #expect(report.notes.joined().contains("make rebaseline"))
    }

    @Test func unconfirmedFailurePasses() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 2))
        let directory = try temporaryDirectory()
        try write(baselineEntry((0..<3).map { _ in machine.cpuBatch(width: 2) }, limit: 0.10), to: directory)
        let slow = machine.cpuBatch(width: 2, slowdown: 0.3), normal = machine.cpuBatch(width: 2)
        let report = try gate(directory).run(syntheticBenchmark(counted: false, batches: [slow, normal]))
        #expect(!report.failed)
        #expect(report.rows.contains { $0.note.contains("not confirmed") })
    }

    @Test func confirmedFailureFails() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 3))
        let directory = try temporaryDirectory()
        try write(baselineEntry((0..<3).map { _ in machine.cpuBatch(width: 2) }, limit: 0.10), to: directory)
        let slow = machine.cpuBatch(width: 2, slowdown: 0.3)
        let report = try gate(directory).run(syntheticBenchmark(counted: false, batches: [slow, slow]))
        #expect(report.outcome == .regression && report.failed)
        #expect(report.rows.contains { $0.note.contains("confirmed by 1 fresh batch") })
        let wide = report.rendered().split(separator: "\n").filter { $0.count > 120 }
        #expect(wide.isEmpty, "\(wide)")
    }

    @Test("a long reason is wrapped within 120 columns, every word kept")
    func longNotesAreWrapped() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 4))
        let directory = try temporaryDirectory()
        try write(baselineEntry((0..<3).map { _ in machine.cpuBatch(width: 2) }, limit: 0.10), to: directory)
        var benchmark = syntheticBenchmark(counted: false, batches: [machine.cpuBatch(width: 2)])
        let reason = (1...40).map { "reason\($0)" }.joined(separator: " ")
        benchmark.promiseOnly = [Metric.wallPerCal.name: reason]
        let text = try gate(directory).run(benchmark).rendered()
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 }, "\(text)")
        #expect(text.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("reason") }.count == 40)
    }

    @Test func otherParametersAreRefused() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 4))
        let directory = try temporaryDirectory()
        var entry = baselineEntry([machine.cpuBatch(width: 2)])
        entry.parameters = ["jobs": "8"]
        try write(entry, to: directory)
        #expect(throws: BaselineError.self) {
            try gate(directory).run(syntheticBenchmark(batches: [machine.cpuBatch(width: 2)]))
        }
    }

    @Test func recordingWritesAReviewableFileThatChecksPass() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 5))
        let directory = try temporaryDirectory()
        let batches = (0..<3).map { _ in machine.cpuBatch(width: 2) }
        let recorded = try gate(directory, record: .all).run(syntheticBenchmark(counted: false, batches: batches))
        #expect(recorded.outcome == .recorded)
        let file = try #require(try BaselineStore.read(directory.appendingPathComponent("release.json").path))
        let entry = try #require(file.benchmarks["cpu.threads"])
        #expect(entry.metrics["wallPerCal"]?.samples.count == 30 && entry.recorded.cores >= 1)
        let checked = try gate(directory).run(syntheticBenchmark(counted: false, batches: [batches[0]]))
        #expect(checked.outcome == .pass)
    }

    @Test("recording refuses an impossible value and leaves the file byte-identical")
    func recordingRefusesImpossibleValues() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 6))
        let directory = try temporaryDirectory()
        try write(baselineEntry([machine.cpuBatch(width: 2)]), to: directory)
        let path = directory.appendingPathComponent("release.json").path
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // A one-thread model 1.3x faster than serial: the eventLoop figure a past baseline held.
        var impossible = SampleSet()
        for _ in 0..<10 {
            impossible.append(CPUObservation(wall: 0.077, cpu: 0.1, calibration: 0.01, single: 0.025, jobs: 4, width: 1))
        }
        #expect {
            try gate(directory, record: .all).run(syntheticBenchmark("eventLoop", width: 1, counted: false,
                                                                     batches: [impossible]))
        } throws: { error in
            String(describing: error).contains("refusing to record efficiency 1.29")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a one-core model whose threads use every core is busy when others take most of one core",
          .enabled(if: ProcessInfo.processInfo.activeProcessorCount >= 2))
    func exposureSetsTheBusyAllowance() throws {
        var configuration = configuration
        configuration.busyMargin = 0.5
        let gate = try Gate(directory: try temporaryDirectory(), configuration: configuration, build: "release")
        var batch = SampleSet()
        for _ in 0..<10 { batch.append(0.8, to: .othersBusy) }
        var oneThread = syntheticBenchmark("serial", width: 1, batches: [batch])
        oneThread.exposure = 1
        var takingTurns = syntheticBenchmark("gil", width: 1, batches: [batch])
        takingTurns.exposure = ProcessInfo.processInfo.activeProcessorCount
        #expect(gate.busyFlags(batch, oneThread) == Array(repeating: false, count: 10))
        #expect(gate.busyFlags(batch, takingTurns) == Array(repeating: true, count: 10))
    }

    @Test("one load reading per sample: the gate's own, never a second one from the observation")
    func oneLoadReadingPerSample() throws {
        let gate = try gate(try temporaryDirectory())
        let benchmark = Benchmark(id: BenchmarkID(job: "cpu", model: "serial"), kind: .cpu, parameters: [:],
                                  width: 1) { samples in
            samples.append(CPUObservation(wall: 0.01, cpu: 0.01, calibration: 0.001, single: 0.0025, jobs: 4, width: 1))
        }
        let batch = try gate.measure(benchmark)
        #expect(batch[.wall].count == gate.configuration.samples)
        #expect(batch[.othersBusy].count == batch[.wall].count)
    }
}
