import Foundation

/// Measures benchmarks and compares them with committed baselines, or records them.
///
///     let gate = try Gate(directory: URL(fileURLWithPath: "baselines"))
///     let report = try gate.run(benchmark)
///     print(report.rendered())
///     XCTAssertFalse(report.failed)
public struct Gate: Sendable {
    /// The `baselines/` directory.
    public let directory: URL
    public let configuration: GateConfiguration
    /// `release` or `debug`: names the baseline file and picks the tolerance preset.
    public let build: String

    /// - Throws: ``BaselineError`` when `directory` does not exist (except
    ///   when recording, which creates it); ``GateConfigurationError`` for a bad environment variable.
    public init(directory: URL, configuration: GateConfiguration? = nil, build: String = HostProfile.buildConfiguration) throws {
        self.directory = directory
        self.configuration = try configuration ?? .fromEnvironment()
        self.build = build
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        if self.configuration.record == .never, !exists || !isDirectory.boolValue {
            throw BaselineError(.unreadable, file: directory.path,
                                problem: exists ? "not a directory" : "the baselines directory does not exist",
                                remedy: "Point PERF_BASELINES at the repository's baselines/ directory, "
                                    + "or record one with `make rebaseline`.")
        }
    }

    /// `baselines/<build>.json`.
    public var baselineFile: URL { directory.appendingPathComponent("\(build).json") }

    /// The committed baseline of a benchmark, if recorded.
    ///
    /// - Throws: ``BaselineError`` if the file exists but is unusable.
    public func baseline(for id: BenchmarkID) throws -> BenchmarkBaseline? {
        try BaselineStore.read(baselineFile.path)?.benchmarks[id.description]
    }

    /// Measures `benchmark`, then records it or checks it.
    ///
    /// - Parameter firstBatch: Drives the first batch: it must call its
    ///   argument (one sample) ``GateConfiguration/samples`` times, e.g. inside
    ///   XCTest's `measure`. Confirmations and recordings loop by themselves.
    /// - Throws: ``BaselineError`` for an unusable baseline or other
    ///   parameters; the benchmark's own errors (a wrong result is never timed).
    public func run(_ benchmark: Benchmark, firstBatch: ((() -> Void) -> Void)? = nil) throws -> GateReport {
        let settled = settle(for: benchmark)
        var batch = try measure(benchmark, driver: firstBatch)
        let counted = countInstructions(benchmark, into: &batch)
        var report: GateReport
        if try shouldRecord(benchmark.id) {
            report = try record(benchmark, first: batch)
        } else {
            report = try check(benchmark, batch: batch)
        }
        report.notes = [settled, counted].compactMap { $0 } + report.notes
        return report
    }

    private func shouldRecord(_ id: BenchmarkID) throws -> Bool {
        switch configuration.record {
        case .never: false
        case .all: true
        case .missing: try baseline(for: id) == nil
        }
    }
}
