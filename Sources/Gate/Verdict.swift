/// What the gate concluded about one metric.
public enum Verdict: Sendable, Hashable, CustomStringConvertible {
    case pass
    /// Significantly better: fails only under `ratchet`.
    case improvement
    case regression
    /// Cannot tell: never a failure, always said.
    case inconclusive(String)
    /// This run could not measure it (no valgrind, for example): said, not judged.
    case notMeasured(String)
    /// Context: reported, never judged.
    case context

    public var description: String {
        switch self {
        case .pass: "pass"
        case .improvement: "improvement"
        case .regression: "REGRESSION"
        case .inconclusive(let why): "inconclusive (\(why))"
        case .notMeasured(let why): "not measured (\(why))"
        case .context: "context"
        }
    }

    /// The verdict without its reason: the report's column.
    public var kind: String {
        switch self {
        case .inconclusive: "inconclusive"
        case .notMeasured: "not measured"
        default: description
        }
    }

    /// Whether the verdict fails the benchmark under `ratchet`.
    public func fails(ratchet: Bool) -> Bool {
        self == .regression || (ratchet && self == .improvement)
    }

    /// Whether the metric was actually compared (pass, better or worse).
    public var isJudgement: Bool {
        self == .pass || self == .improvement || self == .regression
    }
}
