/// How strict the gate is and whether it records baselines.
public struct GatePolicy: Sendable, Hashable {
    /// When measurements are written to the baseline file (`PERF_RECORD`).
    public enum RecordMode: String, Sendable, CaseIterable {
        /// Only check (the default).
        case never
        /// Record benchmarks that have no baseline yet; check the others.
        case missing
        /// Re-record everything (`make rebaseline`).
        case all
    }

    public var record: RecordMode
    /// Also fail on a significant improvement, so baselines never go stale (`PERF_RATCHET=1`).
    public var ratchet: Bool
    /// Significance level of the Mann-Whitney test (`PERF_ALPHA`). 0.01: with
    /// dozens of checks per run, 0.05 would flag one by chance every run or two.
    public var alpha: Double
    /// Fewer samples than this, on either side, give `inconclusive`.
    public var minimumSamples: Int
    /// The limit is at least this many times the baseline's learned noise floor.
    /// The floor is the range of four batch centres, about two standard
    /// deviations of a centre, so 1.5x puts the limit near three; the two
    /// confirming re-measures guard the rest. (At 2x, one busy minute while
    /// recording pushed parallel models' limits to 23-30 % here, too wide to
    /// catch the 25 % slowdown the gate exists for.)
    public var noiseMultiplier: Double
    /// Fresh measurements that must all fail too before a failure is reported.
    /// Two: on this VM a slow phase can outlast one re-measure a few seconds later.
    public var confirmations: Int

    public init(record: RecordMode = .never, ratchet: Bool = false, alpha: Double = 0.01,
                minimumSamples: Int = 5, noiseMultiplier: Double = 1.5, confirmations: Int = 2) {
        self.record = record
        self.ratchet = ratchet
        self.alpha = alpha
        self.minimumSamples = minimumSamples
        self.noiseMultiplier = noiseMultiplier
        self.confirmations = max(1, confirmations)
    }
}
