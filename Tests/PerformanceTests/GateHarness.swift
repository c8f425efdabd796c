import Foundation
import Gate
import Runners
import XCTest

/// Glue between an XCTest `measure` block and the gate: measure, then check
/// against the committed baseline (or record one), and fail the test with
/// the gate's table when it says so.
enum GateHarness {
    /// XCTest's `measure` runs its block exactly 10 times on Linux.
    static let samplesPerBatch = 10

    /// Seconds to wait before each confirming re-measure.
    /// Five, then fifteen: the slow phases seen in fresh-clone CI right after
    /// a cold build lasted 10-20 s (one outlasted pauses of 2 s and 6 s and
    /// failed unchanged code), so the confirmations must span more than that.
    static let confirmationPauses = [5.0, 15.0]

    /// Batches measured when recording, for the noise floor (`PERF_RECORD_BATCHES`):
    /// five, so the one a burst disturbed can be left out of it.
    static var recordBatches: Int {
        ProcessInfo.processInfo.environment["PERF_RECORD_BATCHES"].flatMap(Int.init).map { max(1, $0) } ?? 5
    }

    /// `baselines/` at the package root, or `$PERF_BASELINES`.
    static var baselinesDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["PERF_BASELINES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("baselines")
    }

    /// Measures `benchmark` inside `testCase.measure` and gates the result.
    static func run(_ benchmark: PerformanceBenchmark, in testCase: XCTestCase,
                    file: StaticString = #filePath, line: UInt = #line) {
        do {
            let gate = try Gate(directory: baselinesDirectory)
            let reference = try gate.baseline(for: benchmark.id)?.metrics[Metric.calibration.name]
                .flatMap { Statistics.centre($0.samples, direction: .smallerIsBetter) }
            settle(before: "measuring", limit: 30, reference: reference)
            try benchmark.warmUp()
            var samples = SampleSet()
            var failure: Error?
            testCase.measure {
                guard failure == nil else { return }
                do { try benchmark.sample(into: &samples) } catch { failure = error }
            }
            if let failure { throw failure }
            try benchmark.countInstructions(into: &samples)
            samples = samples.calibrated()
            if try gate.shouldRecord(benchmark.id) {
                var batches = [samples]
                for _ in 1..<recordBatches { batches.append(try benchmark.batch(of: samplesPerBatch)) }
                let summary = try gate.record(benchmark.id, parameters: benchmark.parameters, batches: batches,
                                              defaultTolerance: benchmark.defaultTolerance(for:))
                print(summary.description)
                try warnIfNoisy(gate.baseline(for: benchmark.id), benchmark.id, policy: gate.policy)
                return
            }
            var confirmation = 0
            let report = try gate.check(benchmark.id, parameters: benchmark.parameters, samples: samples) {
                // Interference here comes in phases of seconds: let one pass
                // before measuring again, longer each time.
                Thread.sleep(forTimeInterval: confirmationPauses[min(confirmation, confirmationPauses.count - 1)])
                settle(before: "confirming", limit: 10, reference: reference)
                confirmation += 1
                return try benchmark.batch(of: samplesPerBatch)
            }
            let notes = [benchmark.unstableNote, benchmark.unmeasuredNote].compactMap { $0.map { "\n  " + $0 } }
            let text = report.rendered() + notes.joined()
            if report.failed {
                // The failure message carries the table; printing it too would show it twice.
                XCTFail("performance gate: \(benchmark.id) \(report.outcome.rawValue)\n\(text)", file: file, line: line)
            } else {
                print(text)
            }
        } catch {
            XCTFail("\(benchmark.id): \(error)", file: file, line: line)
        }
    }

    // XCTest runs the performance tests one after another on one thread, so
    // this flag is never touched concurrently.
    nonisolated(unsafe) private static var speedWaitGaveUp = false

    /// Waits for other CPU use to stop, then (CPU benchmarks with a recorded
    /// calibration) for the machine to be back near its baseline speed (see
    /// `QuietMachine`); says so whenever it had to wait.
    private static func settle(before what: String, limit: Double, reference: Double?) {
        let quiet = QuietMachine.wait(limit: limit)
        if quiet.waited >= 1 || !quiet.isQuiet { print("  before \(what): \(quiet)") }
        guard let reference else { return }
        // Once the machine has stayed slow for a whole limit, it is this
        // machine's speed today, not a passing phase: stop waiting long.
        let speed = QuietMachine.waitForSpeed(of: reference, limit: speedWaitGaveUp ? 2 : limit)
        if !speed.isQuiet { speedWaitGaveUp = true }
        if speed.waited >= 0.5 || !speed.isQuiet { print("  before \(what): \(speed)") }
    }

    /// A recording whose batches moved more than the tolerance widens the
    /// gate's limits for good; say so, so it is re-recorded on a quiet machine.
    private static func warnIfNoisy(_ baseline: BenchmarkBaseline?, _ id: BenchmarkID, policy: GatePolicy) {
        guard let baseline else { return }
        for (name, metric) in baseline.metrics.sorted(by: { $0.key < $1.key })
        where Metric.known.first(where: { $0.name == name })?.isGated != false  // context metrics never decide
            && policy.noiseMultiplier * metric.noiseFloor > metric.tolerance.relative
            // Where the absolute tolerance is the wider one, the relative limit never decides.
            && policy.noiseMultiplier * metric.noiseFloor * metric.median > metric.tolerance.absolute {
            let limit = Int((policy.noiseMultiplier * metric.noiseFloor * 100).rounded())
            print("  WARNING: \(id) \(name): batch centres moved \(Int((metric.noiseFloor * 100).rounded()))% while recording, "
                + "so its limit widens to ±\(limit)%. Was the machine busy? Re-run `make rebaseline` on a quiet one.")
        }
    }
}
