import Foundation

/// The recorded side of one judged metric.
public struct MetricBaseline: Codable, Sendable, Hashable {
    /// Every recorded trial's value, all batches pooled.
    public var samples: [Double]
    /// The preset's tolerance when recorded. A reviewer may edit it: the next run judges by it.
    public var tolerance: Double
    /// How far the recorded batches' medians lay apart (a fraction; for times at least the range resampling
    /// expects; for counts, the range of all the recorded values).
    public var noise: Double

    public init(samples: [Double], tolerance: Double, noise: Double) {
        self.samples = samples
        self.tolerance = tolerance
        self.noise = noise
    }

    /// What a stored comparison is judged by: `max(tolerance, multiplier × noise)`.
    public func limit(_ multiplier: Double) -> Double { max(tolerance, multiplier * noise) }

    /// The samples' centre as `metric` is judged (``Metric/centre(_:)``).
    public func centre(_ metric: Metric) -> Double { metric.centre(samples) ?? 0 }
}

/// One metric's row in a report: what was compared and what decided.
public struct Judgement: Sendable, Hashable {
    public var metric: Metric
    public var baseline: Double?
    public var current: Double?
    /// `current / baseline - 1`.
    public var change: Double?
    public var limit: Double?
    /// The change's confidence interval (paired trials only).
    public var interval: ClosedRange<Double>?
    public var pValue: Double?
    /// Share of the current samples taken while others were busy.
    public var busyShare: Double?
    public var verdict: Verdict
    /// The step that decided; `nil` for context rows.
    public var step: DecisionRule.Step?
    /// Why, in words, when it is not a plain pass.
    public var note = ""
}

/// The gate's decision for one metric: an ordered list of named steps. Each
/// either decides or passes the metric on to the next; the report names the
/// step that decided, and its "checks:" line is printed from this list.
public enum DecisionRule {
    public enum Step: String, CaseIterable, Sendable {
        /// This run has samples (else: not measured, said).
        case measured
        /// The value is physically possible (else: the measurement is broken: inconclusive).
        case possible
        /// Enough timed samples for a median and a test (else: inconclusive).
        case enoughSamples
        /// The model keeps its design's promise, no baseline needed (else: a failure candidate).
        case promised
        /// The change moved beyond the limit (else: pass).
        case beyondLimit
        /// Wilcoxon signed-rank p < alpha on paired trials, Mann-Whitney on stored ones and on counts of
        /// many trials; a count of one or two runs needs no test (else: measure more, then inconclusive).
        case significant
        /// At most ``GateConfiguration/busyShare`` of the samples were taken while others used the model's cores
        /// (else: inconclusive, machine busy).
        case machineQuiet
        /// Still fails with a fresh batch's trials added (the pipeline re-measures; else: pass).
        case confirmed

        /// The step as the report's "checks:" line shows it.
        func summary(_ configuration: GateConfiguration) -> String {
            switch self {
            case .measured: "measured"
            case .possible: "possible"
            case .enoughSamples: "≥\(configuration.minimumSamples) samples"
            case .promised: "promise"
            case .beyondLimit: "|Δ| > limit"
            case .significant: "p < \(configuration.alpha)"
            case .machineQuiet: "≤\(Format.percent(configuration.busyShare, digits: 0)) busy"
            case .confirmed: "confirmed ×\(configuration.confirmations)"
            }
        }
    }

    /// The inconclusive reason that makes the gate measure more trials.
    public static let tooNoisy = "too noisy to tell"

    /// The "checks:" line: every step, in order.
    public static func checks(_ configuration: GateConfiguration) -> String {
        Step.allCases.map { $0.summary(configuration) }.joined(separator: " → ")
    }

    /// What one metric is judged on.
    public struct Input: Sendable {
        public var metric: Metric
        public var current: [Double]
        /// Per current sample: taken while others were busy.
        public var busy: [Bool] = []
        /// Cores' worth others used during the busy samples, for the message.
        public var othersBusy: Double = 0
        /// Stored samples to compare with: counts (or, in bench's column, a stored ratio).
        public var baseline: MetricBaseline?
        /// Trials of the reference build, pair `i` taken beside `current[i]`: compared instead of `baseline`.
        public var reference: [Double]?
        /// The largest change that passes.
        public var limit: Double?
        /// Values outside are physically impossible.
        public var possible: ClosedRange<Double>?
        /// Values outside break the model's promise, and why it promises that.
        public var promised: (range: ClosedRange<Double>, reason: String)?
        /// Judged by its promise alone, never against the baseline, because of this.
        public var promiseOnly: String?
        /// Why there are no samples, when there are none.
        public var unmeasuredReason = "no samples"

        public init(metric: Metric, current: [Double], baseline: MetricBaseline?) {
            self.metric = metric
            self.current = current
            self.baseline = baseline
        }
    }

    /// Walks the steps for one metric. The caller confirms a failing verdict.
    public static func decide(_ input: Input, configuration: GateConfiguration) -> Judgement {
        let metric = input.metric
        let current = metric.centre(input.current)
        let compared = input.reference.flatMap(metric.centre) ?? input.baseline?.centre(metric)
        var row = Judgement(metric: metric, baseline: compared, current: current, limit: input.limit, verdict: .pass)
        if !input.busy.isEmpty {
            row.busyShare = Double(input.busy.filter { $0 }.count) / Double(input.busy.count)
        }
        func decided(_ verdict: Verdict, _ step: Step, _ note: String = "") -> Judgement {
            row.verdict = verdict
            row.step = step
            row.note = note
            return row
        }
        var candidate: (verdict: Verdict, note: String)?
        for step in Step.allCases {
            switch step {
            case .measured:
                guard current != nil else { return decided(.notMeasured(input.unmeasuredReason), step) }
            case .possible:
                if let range = input.possible, let value = current, !range.contains(value) {
                    return decided(.inconclusive("impossible value"), step,
                                   "\(metric) \(Format.short(value)) is outside \(Format.short(range.lowerBound))...\(Format.short(range.upperBound)), "
                                   + "which is physically impossible: the measurement was disturbed. Re-run.")
                }
            case .enoughSamples:
                if !metric.isDeterministic, input.current.count < configuration.minimumSamples {
                    return decided(.inconclusive("too few samples"), step,
                                   "\(input.current.count) samples; the gate needs \(configuration.minimumSamples)")
                }
            case .promised:
                if let promise = input.promised, let value = current, !promise.range.contains(value) {
                    candidate = (.regression, "\(metric) \(Format.short(value)) is outside the promised "
                        + "\(Format.short(promise.range.lowerBound))...\(Format.short(promise.range.upperBound)): \(promise.reason)")
                }
            case .beyondLimit:
                guard candidate == nil else { continue }
                if let why = input.promiseOnly { return decided(.pass, .promised, "promise only: " + why) }
                guard let value = current, let compared, compared > 0, let limit = input.limit else {
                    return decided(.inconclusive("no baseline"), step,
                                   "\(metric) is not in the baseline file: record it with `make rebaseline`")
                }
                var change = value / compared - 1
                if let reference = input.reference, !metric.isDeterministic {
                    // Paired trials: the median of the pairs' ratios, with the interval the signed-rank test gives.
                    let ratios = SignedRank.logRatios(input.current, reference)
                    change = exp(Statistics.median(ratios) ?? 0) - 1
                    row.interval = SignedRank.interval(ratios, confidence: 1 - configuration.alpha)
                        .map { (exp($0.lowerBound) - 1)...(exp($0.upperBound) - 1) }
                }
                row.change = change
                // At the limit passes: 80.75 / 81.25 - 1 reads one rounding beyond 0.5 / 81.25.
                guard abs(change) > limit * (1 + 1e-12) else { return decided(.pass, step) }
            case .significant:
                guard candidate == nil, let change = row.change, let limit = input.limit else { continue }
                let others = input.reference ?? input.baseline?.samples ?? []
                var p: Double?
                if !metric.isDeterministic {
                    p = input.reference.map { SignedRank.pValue(SignedRank.logRatios(input.current, $0)) ?? 1 }
                        ?? MannWhitney.pValue(others, input.current) ?? 1
                } else if min(others.count, input.current.count) >= configuration.minimumSamples {
                    // A count of one or two runs is exact. Counts of many trials can disagree (a pool started
                    // a thread or not: io.hybrid 80.75-82.25 per job in one build, on one machine), and their
                    // least values with them: the whole distribution must have moved too.
                    p = MannWhitney.pValue(others, input.current) ?? 1
                }
                if let p {
                    row.pValue = p
                    if p >= configuration.alpha {
                        return decided(.inconclusive(DecisionRule.tooNoisy), step,
                                       "\(Format.signedPercent(change)) is beyond \(Format.percent(limit)) but p=\(Format.short(p))")
                    }
                }
                let worse = metric.direction == .smallerIsBetter ? change > 0 : change < 0
                // Counts per job read best as a count: "+1 allocations per job".
                let count = metric == .allocations ? String(format: " (%+.4g allocations per job)", (current ?? 0) - (compared ?? 0)) : ""
                candidate = worse
                    ? (.regression, "\(Format.signedPercent(change))\(count) beyond the limit of ±\(Format.percent(limit))")
                    : (.improvement, "\(Format.signedPercent(change)) better" + (input.reference == nil
                        ? ": `make rebaseline` keeps the gate tight" : " than the reference"))
            case .machineQuiet:
                if !metric.isDeterministic, let share = row.busyShare, share > configuration.busyShare {
                    return decided(.inconclusive("machine busy: others used \(Format.percent(input.othersBusy, digits: 0)) of a core"),
                                   step, (candidate?.note).map { "would have said: " + $0 } ?? "")
                }
            case .confirmed:
                guard let candidate else { return decided(.pass, step) }
                return decided(candidate.verdict, step, candidate.note)
            }
        }
        return row
    }
}
