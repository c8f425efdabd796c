/// What the gate concluded about one metric.
public enum MetricVerdict: Sendable, Hashable {
    case pass
    /// Worse beyond every limit and significant.
    case regression
    /// Better beyond every limit and significant: rebaseline to keep the gate tight.
    case improvement
    /// No verdict possible; the reason says why (too few samples, too noisy).
    case inconclusive(String)

    /// Regression > inconclusive > improvement > pass: the worst metric decides.
    var severity: Int {
        switch self {
        case .pass: 0
        case .improvement: 1
        case .inconclusive: 2
        case .regression: 3
        }
    }

    /// One word for tables.
    public var label: String {
        switch self {
        case .pass: "pass"
        case .regression: "REGRESSION"
        case .improvement: "improvement"
        case .inconclusive: "inconclusive"
        }
    }
}

/// One metric compared with its baseline: the numbers behind the verdict.
public struct MetricComparison: Sendable, Hashable {
    public var metric: String
    public var unit: String
    public var baselineCentre: Double
    /// `nil` when there were no current samples.
    public var currentCentre: Double?
    /// `current / baseline - 1`: +0.1 = 10 % higher (not "worse"; see direction).
    public var change: Double?
    /// The relative limit actually applied: max(tolerance, noise multiplier x noise floor).
    public var effectiveTolerance: Double
    /// Mann-Whitney two-sided p-value, when the test ran.
    public var pValue: Double?
    public var verdict: MetricVerdict
    /// Why, in words, for anything but a plain pass.
    public var note: String

    public init(metric: String, unit: String, baselineCentre: Double, currentCentre: Double?, change: Double?,
                effectiveTolerance: Double, pValue: Double?, verdict: MetricVerdict, note: String) {
        self.metric = metric
        self.unit = unit
        self.baselineCentre = baselineCentre
        self.currentCentre = currentCentre
        self.change = change
        self.effectiveTolerance = effectiveTolerance
        self.pValue = pValue
        self.verdict = verdict
        self.note = note
    }
}
