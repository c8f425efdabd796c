/// The gate's verdict on one benchmark and everything behind it.
public struct GateReport: Sendable {
    /// The benchmark's overall verdict: its worst metric's.
    public enum Outcome: String, Sendable, Hashable {
        case pass, regression, improvement, inconclusive
        /// No comparable baseline: nothing was checked. Not a failure, but said loudly.
        case unverified

        init(_ verdict: MetricVerdict) {
            switch verdict {
            case .pass: self = .pass
            case .regression: self = .regression
            case .improvement: self = .improvement
            case .inconclusive: self = .inconclusive
            }
        }
    }

    /// What the samples were compared with.
    public enum Mode: Sendable, Hashable {
        /// This host profile's own baseline: every metric.
        case sameHost
        /// Another profile's baseline: host-independent metrics only.
        case ratiosOnly(reference: String)
        /// Nothing comparable.
        case unverified
    }

    public var id: BenchmarkID
    /// The profile this run was measured on.
    public var profileKey: String
    public var policy: GatePolicy
    public var outcome: Outcome = .unverified
    public var mode: Mode = .unverified
    /// The file compared with, if any.
    public var baselineFile: String?
    public var comparisons: [MetricComparison] = []
    /// Everything a reader should know beyond the table: skipped checks, confirmation.
    public var notes: [String] = []
    /// Whether a second measurement decided this report.
    public var confirmed = false

    init(id: BenchmarkID, profileKey: String, policy: GatePolicy) {
        self.id = id
        self.profileKey = profileKey
        self.policy = policy
    }

    /// Whether the test should fail: a regression, or an improvement under the ratchet.
    public var failed: Bool {
        outcome == .regression || (outcome == .improvement && policy.ratchet)
    }
}
