import Gate

/// The measured figures of one workload that the decision guide reasons
/// about, with the lookups it needs. Only models that ran appear.
struct WorkloadFigures {
    var workload: WorkloadResult
    /// Jobs per run (K).
    var jobs: Int
    var cores: Int
    /// Seconds each GET waited (I/O and mixed; 0 for CPU).
    var delay: Double


    /// A model's result, if it ran and passed its check.
    func correct(_ model: String) -> ModelResult? {
        workload.models.first { $0.model == model && $0.ok }
    }

    var serial: ModelResult? { correct("serial") }

    /// Fastest correct model a program should use: anti-patterns and the GIL
    /// emulation (a Python artefact, not a Swift option) are excluded.
    var winner: ModelResult? {
        workload.models
            .filter { $0.ok && !$0.antiPattern && $0.model != "gil" }
            .min { $0.medianWall < $1.medianWall }
    }

    /// "1.99x serial", or nil when serial did not run.
    func speedupText(_ result: ModelResult) -> String? {
        guard let serial, result.medianWall > 0 else { return nil }
        return Format.ratio(serial.medianWall / result.medianWall) + " serial"
    }

    func speedup(_ result: ModelResult) -> Double? {
        guard let serial, result.medianWall > 0 else { return nil }
        return serial.medianWall / result.medianWall
    }

    /// Requests in flight on average: K x delay / time (I/O).
    func effectiveWidth(_ result: ModelResult) -> Double {
        result.medianWall > 0 ? Double(jobs) * delay / result.medianWall : 0
    }

    /// Milliseconds per job above the ideal: the cost of starting one child, roughly.
    func overheadPerJob(_ result: ModelResult) -> Double? {
        guard let ideal = workload.ideal, result.medianWall > ideal else { return nil }
        return (result.medianWall - ideal) / Double(max(jobs, 1)) * 1000
    }

    /// Whether `value` is within 25% of `expected`: close enough to name the cause.
    static func near(_ value: Double, _ expected: Double) -> Bool {
        expected > 0 && abs(value / expected - 1) <= 0.25
    }
}
