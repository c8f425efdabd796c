import Foundation
import Testing
@testable import Gate

@Suite("Gate check and confirmation")
struct GateCheckTests {
    let directory: URL
    let gate: Gate

    init() throws {
        directory = try makeTemporaryDirectory()
        gate = try Gate(directory: directory, profile: testProfile(), policy: GatePolicy())
        var rng = SplitMix64(seed: 42)
        _ = try gate.record(cpuThreads, parameters: standardParameters,
                            batches: batches(&rng, wall: 0.0216, speedup: 1.9, cv: 0.002))
    }

    func samples(seed: UInt64, wall: Double, speedup: Double = 1.9, cv: Double = 0.002) -> SampleSet {
        var rng = SplitMix64(seed: seed)
        return SampleSet([.wall: rng.samples(10, median: wall, cv: cv), .speedup: rng.samples(10, median: speedup, cv: cv)])
    }

    @Test func unchangedCodePasses() throws {
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: samples(seed: 1, wall: 0.0216)) {
            Issue.record("remeasure must not run on a pass")
            return SampleSet()
        }
        #expect(report.outcome == .pass && !report.failed && report.mode == .sameHost)
        #expect(report.rendered().contains("checks: speedup, wall vs "))
    }

    @Test func unconfirmedRegressionPassesWithNote() throws {
        var remeasured = 0
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: samples(seed: 2, wall: 0.026)) {
            remeasured += 1
            return samples(seed: 3, wall: 0.0216)
        }
        #expect(remeasured == 1)
        #expect(report.outcome == .pass && !report.failed)
        #expect(report.notes.first?.contains("first measurement regressed") == true)
        #expect(report.rendered().contains("confirmation 1 passed"))
    }

    @Test func aSlowPhaseOutlastingOneConfirmationStillPasses() throws {
        var remeasured = 0
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: samples(seed: 2, wall: 0.026)) {
            remeasured += 1
            return remeasured == 1 ? samples(seed: 8, wall: 0.026) : samples(seed: 3, wall: 0.0216)
        }
        #expect(remeasured == 2)
        #expect(report.outcome == .pass && !report.failed)
        #expect(report.rendered().contains("confirmation 2 passed"))
    }

    @Test func confirmedRegressionFails() throws {
        let report = try gate.check(cpuThreads, parameters: standardParameters, samples: samples(seed: 4, wall: 0.026)) {
            samples(seed: 5, wall: 0.026)
        }
        #expect(report.outcome == .regression && report.failed && report.confirmed)
        let text = report.rendered()
        #expect(text.contains("REGRESSION") && text.contains("make rebaseline") && text.contains("confirmed"))
    }

    @Test func parallelSlowdownOfTwentyFivePercentIsCaughtDespiteNoise() throws {
        // Two-thread runs: 10 % within-run noise, batch medians drifting between runs.
        var rng = SplitMix64(seed: 7)
        let noisy = (0..<3).map { _ in SampleSet([.wall: rng.samples(10, median: 0.0216, cv: 0.10)]) }
        _ = try gate.record(cpuSerial, parameters: standardParameters, batches: noisy)
        let slow = try gate.check(cpuSerial, parameters: standardParameters,
                                  samples: SampleSet([.wall: rng.samples(10, median: 0.027, cv: 0.10)])) {
            SampleSet([.wall: rng.samples(10, median: 0.027, cv: 0.10)])
        }
        #expect(slow.failed, "\(slow.rendered())")
    }

    @Test(arguments: [0.002, 0.02, 0.10])
    func pureNoiseNeverFailsWithConfirmation(cv: Double) throws {
        var rng = SplitMix64(seed: 99)
        let id = BenchmarkID(job: "cpu", model: "noise\(Int(cv * 1000))")
        let recorded = (0..<3).map { _ in SampleSet([.wall: rng.samples(10, median: 0.0216, cv: cv)]) }
        _ = try gate.record(id, parameters: standardParameters, batches: recorded)
        for _ in 0..<300 {
            let report = try gate.check(id, parameters: standardParameters,
                                        samples: SampleSet([.wall: rng.samples(10, median: 0.0216, cv: cv)])) {
                SampleSet([.wall: rng.samples(10, median: 0.0216, cv: cv)])
            }
            #expect(!report.failed, "\(report.rendered())")
        }
    }

    @Test func ratchetFailsOnImprovement() throws {
        let faster = samples(seed: 6, wall: 0.018, speedup: 1.9)
        let relaxed = try gate.check(cpuThreads, parameters: standardParameters, samples: faster) { faster }
        #expect(relaxed.outcome == .improvement && !relaxed.failed)
        let strict = try Gate(directory: directory, profile: gate.profile, policy: GatePolicy(ratchet: true))
        let ratcheted = try strict.check(cpuThreads, parameters: standardParameters, samples: faster) { faster }
        #expect(ratcheted.outcome == .improvement && ratcheted.failed)
        #expect(ratcheted.rendered().contains("make rebaseline"))
    }

    @Test func parameterMismatchIsAnError() throws {
        let error = try #require(throws: BaselineError.self) {
            try gate.evaluate(cpuThreads, parameters: ["limit": "15000", "jobs": "2"], samples: samples(seed: 8, wall: 0.0216))
        }
        #expect(error.kind == .parametersMismatch)
        #expect(error.description.contains(gate.baselineFile.path) && error.description.contains("make rebaseline"))
    }

    @Test func missingMetricIsReportedNotIgnored() throws {
        var extra = samples(seed: 9, wall: 0.0216)
        extra.append(0.02, to: .cpu)
        let report = try gate.evaluate(cpuThreads, parameters: standardParameters, samples: extra)
        #expect(report.notes.contains { $0.contains("cpu: not in the baseline") })
    }

    @Test func baselineMetricNotMeasuredNowIsNamed() throws {
        // Such as an instruction count on a machine without valgrind: never a silent pass.
        var rng = SplitMix64(seed: 10)
        let onlyWall = SampleSet([.wall: rng.samples(10, median: 0.0216, cv: 0.002)])
        let report = try gate.evaluate(cpuThreads, parameters: standardParameters, samples: onlyWall)
        #expect(report.notes.contains { $0.contains("not measured this run") && $0.contains("speedup") })
        #expect(report.rendered().contains("not measured this run, so not checked: speedup"))
    }
}
