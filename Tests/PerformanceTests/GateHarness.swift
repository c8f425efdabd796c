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

    /// Batches measured when recording, for the noise floor (`PERF_RECORD_BATCHES`).
    static var recordBatches: Int {
        ProcessInfo.processInfo.environment["PERF_RECORD_BATCHES"].flatMap(Int.init).map { max(1, $0) } ?? 3
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
            try benchmark.warmUp()
            var samples = SampleSet()
            var failure: Error?
            testCase.measure {
                guard failure == nil else { return }
                do { try benchmark.sample(into: &samples) } catch { failure = error }
            }
            if let failure { throw failure }
            if try gate.shouldRecord(benchmark.id) {
                var batches = [samples]
                for _ in 1..<recordBatches { batches.append(try benchmark.batch(of: samplesPerBatch)) }
                let summary = try gate.record(benchmark.id, parameters: benchmark.parameters, batches: batches)
                print(summary.description)
                return
            }
            let report = try gate.check(benchmark.id, parameters: benchmark.parameters, samples: samples) {
                try benchmark.batch(of: samplesPerBatch)
            }
            print(report.rendered())
            if report.failed {
                XCTFail("performance gate: \(benchmark.id) \(report.outcome.rawValue)\n\(report.rendered())",
                        file: file, line: line)
            }
        } catch {
            XCTFail("\(benchmark.id): \(error)", file: file, line: line)
        }
    }
}
