import Foundation
import Testing
@testable import Gate

@Suite("Unknown host")
struct UnknownHostTests {
    let directory: URL
    let recorded = testProfile(cpu: "Recorded CPU")

    init() throws {
        directory = try makeTemporaryDirectory()
        var rng = SplitMix64(seed: 20)
        let gate = try Gate(directory: directory, profile: recorded, policy: GatePolicy())
        let sets = (0..<3).map { _ in
            SampleSet([.wall: rng.samples(10, median: 0.0216, cv: 0.01), .speedup: rng.samples(10, median: 1.9, cv: 0.01)])
        }
        _ = try gate.record(cpuThreads, parameters: standardParameters, batches: sets)
    }

    func current(speedup: Double) -> SampleSet {
        var rng = SplitMix64(seed: 21)
        // A much slower machine: absolute times must not be judged.
        return SampleSet([.wall: rng.samples(10, median: 0.05, cv: 0.01), .speedup: rng.samples(10, median: speedup, cv: 0.01)])
    }

    @Test func otherCPUChecksRatiosOnlyAndSaysSo() throws {
        let other = testProfile(cpu: "Other CPU")
        let gate = try Gate(directory: directory, profile: other, policy: GatePolicy())
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: current(speedup: 1.9)) {
            Issue.record("no remeasure on a pass")
            return SampleSet()
        }
        #expect(report.mode == .ratiosOnly(reference: recorded.key))
        #expect(report.outcome == .pass && report.comparisons.map(\.metric) == ["speedup"])
        let text = report.rendered()
        #expect(text.contains("no baseline for profile \(other.key); ratio checks only against profile \(recorded.key) (metrics: speedup)"))
        #expect(text.contains("PERF_RECORD=missing") && text.contains("not checked (absolute, measured on another host): wall"))
    }

    @Test func ratioRegressionIsStillCaught() throws {
        let gate = try Gate(directory: directory, profile: testProfile(cpu: "Other CPU"), policy: GatePolicy())
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: current(speedup: 1.4)) {
            current(speedup: 1.4)
        }
        #expect(report.outcome == .regression && report.failed)
    }

    @Test func noComparableProfileIsUnverifiedNotFailed() throws {
        let gate = try Gate(directory: directory, profile: testProfile(cpu: "Big CPU", cores: 8), policy: GatePolicy())
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: current(speedup: 1.9)) { SampleSet() }
        #expect(report.outcome == .unverified && report.mode == .unverified && !report.failed)
        #expect(report.rendered().contains("UNVERIFIED"))
    }

    @Test func recordMissingAsksToRecordOnlyUnknownBenchmarks() throws {
        let own = try Gate(directory: directory, profile: recorded, policy: GatePolicy(record: .missing))
        #expect(try own.shouldRecord(cpuThreads) == false)
        #expect(try own.shouldRecord(cpuSerial) == true)
        let other = try Gate(directory: directory, profile: testProfile(cpu: "Other CPU"), policy: GatePolicy(record: .missing))
        #expect(try other.shouldRecord(cpuThreads) == true)
    }
}
