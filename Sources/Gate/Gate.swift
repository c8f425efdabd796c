import Foundation

/// Compares measurements with committed baselines and records new ones.
///
///     let gate = try Gate(directory: URL(fileURLWithPath: "baselines"))
///     let report = try gate.check(id, parameters: ["limit": "300000"], samples: samples) {
///         measureAgain()
///     }
///     print(report.rendered())
///     XCTAssertFalse(report.failed)
public struct Gate: Sendable {
    /// The `baselines/` directory.
    public let directory: URL
    /// This machine and build; names the baseline file.
    public let profile: HostProfile
    public let policy: GatePolicy

    /// - Parameters:
    ///   - directory: The baselines directory.
    ///   - profile: The host profile; `.current` unless testing.
    ///   - policy: `nil` reads `PERF_RECORD`, `PERF_RATCHET`, `PERF_ALPHA`.
    /// - Throws: ``GatePolicyError`` when an environment variable is invalid.
    public init(directory: URL, profile: HostProfile = .current, policy: GatePolicy? = nil) throws {
        self.directory = directory
        self.profile = profile
        self.policy = try policy ?? .fromEnvironment()
    }

    /// `baselines/<profile.key>.json`.
    public var baselineFile: URL {
        directory.appendingPathComponent("\(profile.key).json")
    }

    /// This host's baseline of a benchmark, if recorded.
    ///
    /// - Throws: ``BaselineError`` if the file exists but is unusable.
    public func baseline(for id: BenchmarkID) throws -> BenchmarkBaseline? {
        try BaselineStore.read(baselineFile.path)?.benchmarks[id.description]
    }

    /// Whether the policy asks to record this benchmark instead of checking it:
    /// always under `PERF_RECORD=all`, when it has no baseline under `missing`.
    public func shouldRecord(_ id: BenchmarkID) throws -> Bool {
        switch policy.record {
        case .never: false
        case .all: true
        case .missing: try baseline(for: id) == nil
        }
    }

    /// Throws unless the current parameters are the recorded ones.
    func requireParameters(_ parameters: [String: String], match baseline: BenchmarkBaseline,
                           of id: BenchmarkID, in file: String) throws {
        guard parameters != baseline.parameters else { return }
        func show(_ values: [String: String]) -> String {
            "{" + values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
        throw BaselineError(.parametersMismatch, file: file, keyPath: "benchmarks.\"\(id)\".parameters",
                            problem: "recorded with \(show(baseline.parameters)), measured with \(show(parameters))")
    }
}
