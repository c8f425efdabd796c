import Foundation

/// Measures benchmarks and judges them, or records them.
///
/// Every timed number comes from trials: fresh `bench sample ID` processes.
/// A timing is judged against another taken on this machine, now: the
/// reference commit's build, run in interleaved pairs with the build under
/// test. Stored timings never decide; instruction counts, promises and
/// physical bounds carry to any machine.
///
///     let gate = try Gate(directory: baselines, current: build, fingerprint: here)
///     let session = try gate.session(for: benchmark)
///     session.warmUp()
///     for _ in 0..<10 { session.trial() }   // or inside XCTest's `measure`
///     let report = session.finish()
public struct Gate: Sendable {
    /// The `baselines/` directory.
    public let directory: URL
    public let configuration: GateConfiguration
    /// `release` or `debug`: names the baseline file and picks the tolerance preset.
    public let build: String
    /// The build under test.
    public let current: Build
    /// This machine, as baselines record it.
    public let fingerprint: Fingerprint
    /// The git work tree the reference commit is checked out from.
    public let repository: URL

    /// - Throws: ``BaselineError`` when `directory` does not exist (except
    ///   when recording, which creates it); ``GateConfigurationError`` for a bad environment variable.
    public init(directory: URL, current: Build, fingerprint: Fingerprint, repository: URL? = nil,
                configuration: GateConfiguration? = nil, build: String = Toolchain.configuration) throws {
        self.directory = directory
        self.repository = repository ?? directory.deletingLastPathComponent()
        self.current = current
        self.fingerprint = fingerprint
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

    /// Measures `benchmark` with ``GateConfiguration/samples`` trials (pairs), then judges or records it.
    public func run(_ benchmark: Benchmark) -> GateReport {
        do {
            let session = try self.session(for: benchmark)
            session.warmUp()
            for _ in 0..<configuration.samples { session.trial() }
            return session.finish()
        } catch {
            return GateReport(id: benchmark.id, outcome: .unverified, rows: [], notes: ["\(error)"])
        }
    }

    /// Starts measuring `benchmark`: waits for quiet, reads its baseline and
    /// picks what its timings are compared with.
    ///
    /// - Throws: ``BaselineError`` for an unusable baseline file, ``TrialError`` when `PERF_BASE` cannot be built.
    public func session(for benchmark: Benchmark) throws -> GateSession {
        try GateSession(gate: self, benchmark: benchmark)
    }
}
