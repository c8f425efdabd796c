/// One build configuration's baselines, `baselines/<configuration>.json`.
///
/// One file serves every machine of a kind and beyond: it holds only
/// portable numbers (instruction counts, ratios). Where and when each
/// benchmark was recorded is kept beside it, as provenance, not as a key.
public struct BaselineFile: Sendable, Hashable {
    /// Bumped on any incompatible change; readers reject other versions.
    public static let currentFormat = 3

    /// `release` or `debug`.
    public var configuration: String
    /// `BenchmarkID.description` to its baseline.
    public var benchmarks: [String: BenchmarkBaseline]

    public init(configuration: String, benchmarks: [String: BenchmarkBaseline] = [:]) {
        self.configuration = configuration
        self.benchmarks = benchmarks
    }
}

/// One benchmark's recorded numbers.
public struct BenchmarkBaseline: Sendable, Hashable {
    /// What was measured (sizes, kernel); a check with other parameters is refused.
    public var parameters: [String: String]
    public var recorded: Provenance
    /// Judged metrics.
    public var metrics: [String: MetricBaseline]
    /// Medians of context metrics (raw seconds and the like): shown, never judged.
    public var context: [String: Double]

    public init(parameters: [String: String], recorded: Provenance, metrics: [String: MetricBaseline],
                context: [String: Double]) {
        self.parameters = parameters
        self.recorded = recorded
        self.metrics = metrics
        self.context = context
    }
}

/// Where a baseline came from, so a later run (or a same-run A/B against
/// that commit) knows what it is compared with.
public struct Provenance: Sendable, Hashable {
    /// `git rev-parse --short HEAD` at recording, plus `+dirty` for uncommitted changes.
    public var commit: String
    /// UTC day of recording, `YYYY-MM-DD`.
    public var date: String
    /// CPU model and cores of the recording machine.
    public var cpu: String
    public var cores: Int
    /// Swift compiler (major.minor): instruction counts are comparable only within one.
    public var swift: String
    /// Median seconds of the calibration kernel while recording: that machine's speed.
    public var calibration: Double

    public init(commit: String, date: String, cpu: String, cores: Int, swift: String, calibration: Double) {
        self.commit = commit
        self.date = date
        self.cpu = cpu
        self.cores = cores
        self.swift = swift
        self.calibration = calibration
    }
}
