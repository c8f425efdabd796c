import Foundation
import Testing
@testable import Gate

@Suite("Calibration: the machine-speed yardstick")
struct CalibrationTests {
    @Test func kernelCountsTheKnownPrimesAndTakesTime() {
        #expect(Calibration.countPrimes(in: Calibration.range) == Calibration.expectedCount)
        #expect(Calibration.countPrimes(in: 0..<100) == 25)
        #expect(Calibration.measure() > 0)
    }

    @Test func timesAreDividedByTheBatchCalibrationCentre() throws {
        // The centre of six calibrations is their 20th percentile: the second lowest, 3.
        let batch = SampleSet([.calibration: [7, 2, 6, 3, 5, 4], .wall: [30, 33], .cpu: [60], .speedup: [1.9]])
        let calibrated = batch.calibrated()
        #expect(calibrated["calibratedWall"] == [10, 11])
        #expect(calibrated["calibratedCPU"] == [20])
        // Ratios and the calibration itself are left alone.
        #expect(calibrated["speedup"] == [1.9] && calibrated["calibration"] == batch["calibration"])
        #expect(calibrated.metrics["calibratedWall"] == .calibratedWall)
        // A second call changes nothing.
        #expect(calibrated.calibrated() == calibrated)
    }

    @Test func aBatchWithoutCalibrationIsUnchanged() {
        let batch = SampleSet([.wall: [0.02, 0.021]])
        #expect(batch.calibrated() == batch)
    }

    /// The point of it all: the machine slows down 8 % (every time and the
    /// calibration alike); seconds alone look like a regression, judged with
    /// the calibrated time they do not, and a real 10 % slowdown of the job
    /// still shows through.
    @Test func machineDriftIsDividedOutAndARealSlowdownRemains() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = GatePolicy(confirmations: 1)
        let gate = try Gate(directory: directory, profile: testProfile(), policy: policy)
        var rng = SplitMix64(seed: 7)
        func batch(machine: Double, job: Double) -> SampleSet {
            SampleSet([
                .calibration: rng.samples(10, median: 0.006 * machine, cv: 0.005),
                .wall: rng.samples(10, median: 0.084 * machine * job, cv: 0.005),
            ]).calibrated()
        }
        _ = try gate.record(cpuSerial, parameters: standardParameters,
                            batches: (0..<5).map { _ in batch(machine: 1, job: 1) },
                            defaultTolerance: { _ in Tolerance(relative: 0.05, absolute: 0) })

        let slowMachine = try gate.evaluate(cpuSerial, parameters: standardParameters, samples: batch(machine: 1.08, job: 1))
        let raw = try #require(slowMachine.comparisons.first { $0.metric == "wall" })
        #expect(raw.change.map { $0 > 0.06 } == true, "in seconds alone it looks 8 % slower")
        #expect(raw.verdict == .pass && raw.note.contains("together"), "\(slowMachine.rendered())")
        #expect(!slowMachine.comparisons.contains { $0.metric == "calibration" }, "context is never judged")
        #expect(slowMachine.notes.contains { $0.contains("calibration (context, not gated)") && $0.contains("slower now") })

        let slowJob = try gate.evaluate(cpuSerial, parameters: standardParameters, samples: batch(machine: 1.08, job: 1.1))
        #expect(slowJob.comparisons.allSatisfy { $0.verdict == .regression }, "\(slowJob.rendered())")
    }
}
