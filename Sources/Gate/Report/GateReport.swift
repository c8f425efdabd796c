/// What the gate found for one benchmark.
public struct GateReport: Sendable {
    /// The benchmark's overall result, package-benchmark style.
    public enum Outcome: String, Sendable {
        /// Every judged metric within its limits.
        case pass
        /// Passed, but some metric could not be judged (said in its row).
        case inconclusive
        /// Significantly better somewhere: passes unless `ratchet`.
        case improvement
        /// A confirmed regression or broken promise.
        case regression
        /// Nothing was judged (no baseline, or no metric measured): fails, since it verified nothing.
        case unverified
        /// Measurements were written to the baseline file.
        case recorded
    }

    public var id: BenchmarkID
    public var outcome: Outcome
    public var rows: [Judgement]
    /// What the baseline was recorded from.
    public var recorded: Provenance?
    /// What the timings were compared with (a reference build measured here, or nothing).
    public var comparison: String?
    /// The machine the trials ran on: CPU and the cores the process may use.
    public var machine: String?
    /// Lines under the table.
    public var notes: [String] = []
    /// Whether ratchet mode was on: improvements fail too.
    public var ratchet = false

    public init(id: BenchmarkID, outcome: Outcome? = nil, rows: [Judgement], recorded: Provenance? = nil,
                comparison: String? = nil, machine: String? = nil, notes: [String] = [], ratchet: Bool = false) {
        self.id = id
        self.rows = rows
        self.recorded = recorded
        self.comparison = comparison
        self.machine = machine
        self.notes = notes
        self.ratchet = ratchet
        self.outcome = outcome ?? Self.outcome(of: rows, ratchet: ratchet)
    }

    /// The outcome the rows add up to.
    static func outcome(of rows: [Judgement], ratchet: Bool) -> Outcome {
        let judged = rows.filter { $0.verdict != .context }
        if judged.contains(where: { $0.verdict == .regression }) { return .regression }
        if !judged.contains(where: \.verdict.isJudgement) { return .unverified }
        if judged.contains(where: { $0.verdict == .improvement }) { return .improvement }
        if judged.contains(where: { !$0.verdict.isJudgement }) { return .inconclusive }
        return .pass
    }

    /// Whether the test should fail.
    public var failed: Bool {
        switch outcome {
        case .regression, .unverified: true
        case .improvement: ratchet
        case .pass, .inconclusive, .recorded: false
        }
    }
}
