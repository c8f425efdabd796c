import Foundation
import Gate
import XCTest

/// Hands a benchmark to the gate, with its first batch timed inside XCTest's
/// `measure`, and fails the test with the gate's report when it says so.
enum GateHarness {
    /// `baselines/` at the package root, or `$PERF_BASELINES`.
    static var baselinesDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["PERF_BASELINES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("baselines")
    }

    static func run(_ benchmark: Benchmark, in testCase: XCTestCase, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let gate = try Gate(directory: baselinesDirectory)
            let report = try gate.run(benchmark) { sample in testCase.measure { sample() } }
            let text = report.rendered(configuration: gate.configuration)
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
}
