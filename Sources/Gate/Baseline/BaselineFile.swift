/// One build configuration's baselines, `baselines/<configuration>.json`.
///
/// Stored counts are judged where the compiler and the cores match; stored
/// timings decide nothing: ``Provenance/commit`` names the reference that the
/// gate builds and measures beside the change.
public struct BaselineFile: Codable, Sendable, Hashable {
    /// Bumped on any incompatible change; readers reject other versions.
    public static let currentFormat = 4

    public var format: Int
    /// `release` or `debug`.
    public var configuration: String
    /// `BenchmarkID.description` to its baseline.
    public var benchmarks: [String: BenchmarkBaseline]

    public init(configuration: String, benchmarks: [String: BenchmarkBaseline] = [:]) {
        self.format = Self.currentFormat
        self.configuration = configuration
        self.benchmarks = benchmarks
    }
}

/// One benchmark's recorded numbers.
public struct BenchmarkBaseline: Codable, Sendable, Hashable {
    /// What was measured (sizes, kernel); a stored count taken by another command is not compared.
    public var parameters: [String: String]
    public var recorded: Provenance
    /// Judged metrics: one value per recorded trial.
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

/// Where a baseline came from: the commit other machines build as the
/// reference, and the machine its timings belong to.
public struct Provenance: Codable, Sendable, Hashable {
    /// `git rev-parse --short HEAD` at recording, plus `-dirty` for uncommitted changes.
    public var commit: String
    /// UTC day of recording, `YYYY-MM-DD`.
    public var date: String
    /// The recording machine.
    public var machine: Fingerprint

    public init(commit: String, date: String, machine: Fingerprint) {
        self.commit = commit
        self.date = date
        self.machine = machine
    }
}

extension BaselineFile {
    func with(format: Int) -> BaselineFile {
        var copy = self
        copy.format = format
        return copy
    }

    /// Checks what the types cannot: the format, known metrics, usable numbers.
    ///
    /// - Throws: ``BaselineError`` naming `file` and the key path.
    func validate(file: String) throws(BaselineError) {
        guard format == Self.currentFormat else {
            throw BaselineError(.otherFormat, file: file, keyPath: "format",
                                problem: "format \(format) is not supported (this gate reads \(Self.currentFormat))",
                                remedy: "Re-record it with `make rebaseline`, or use the gate version that wrote it.")
        }
        for (name, benchmark) in benchmarks {
            let key = "benchmarks.\"\(name)\""
            guard !benchmark.metrics.isEmpty else {
                throw BaselineError(.invalid, file: file, keyPath: key + ".metrics", problem: "no metrics")
            }
            for (metricName, metric) in benchmark.metrics {
                let path = "\(key).metrics.\(metricName)"
                guard let known = Metric.named(metricName), known.isJudged else {
                    throw BaselineError(.invalid, file: file, keyPath: path, problem: "not a judged metric (judged: "
                        + Metric.all.filter(\.isJudged).map(\.name).joined(separator: ", ") + ")")
                }
                guard !metric.samples.isEmpty, metric.samples.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                    throw BaselineError(.invalid, file: file, keyPath: path + ".samples",
                                        problem: "expected at least one positive finite number")
                }
                // A count may be held exact (tolerance 0); a time never is.
                let lowest = known.isDeterministic ? "[0" : "(0"
                guard metric.tolerance > 0 || (known.isDeterministic && metric.tolerance == 0), metric.tolerance < 1,
                      metric.noise >= 0, metric.noise.isFinite else {
                    throw BaselineError(.invalid, file: file, keyPath: path + ".tolerance",
                                        problem: "tolerance must be in \(lowest), 1) and noise a non-negative number, found "
                                            + "\(metric.tolerance) and \(metric.noise)")
                }
            }
        }
    }
}
