import Benchmarks
import Foundation
import Gate
import XCTest

/// Hands a benchmark of the catalog to the gate and fails the test with the
/// gate's report when it says so. XCTest's `measure` times each trial (one
/// interleaved pair, or one trial), and the gate owns everything else.
enum GateHarness {
    /// The package root: the work tree the reference commit is checked out from.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `baselines/` at the package root, or `$PERF_BASELINES`.
    static var baselinesDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["PERF_BASELINES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent("baselines")
    }

    static func run(_ id: String, in testCase: XCTestCase, file: StaticString = #filePath, line: UInt = #line) {
        guard let benchmark = Catalog.benchmark(id) else {
            return XCTFail("\(id) is not in the catalog (Sources/Benchmarks/Catalog+List.swift)", file: file, line: line)
        }
        do {
            let gate = try Gate(directory: baselinesDirectory, current: Catalog.currentBuild, fingerprint: Catalog.fingerprint,
                                repository: packageRoot)
            let session = try gate.session(for: benchmark)
            // XCTest times the build under test's trial; the reference's, taken beside it, is not its concern.
            testCase.measureMetrics([.wallClockTime], automaticallyStartMeasuring: false) {
                for side in session.nextOrder() {
                    if side == .current { testCase.startMeasuring() }
                    session.trial(side)
                    if side == .current { testCase.stopMeasuring() }
                }
            }
            let report = session.finish()
            let text = report.rendered(configuration: gate.configuration)
            if report.failed {
                // The failure message carries the table; printing it too would show it twice.
                XCTFail("performance gate: \(id) \(report.outcome.rawValue)\n\(text)", file: file, line: line)
            } else {
                print(text)
            }
        } catch {
            XCTFail("\(id): \(error)", file: file, line: line)
        }
    }
}
