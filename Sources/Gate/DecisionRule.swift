import Foundation

/// The gate's decision for one metric, top to bottom.
///
/// A timing gate on a shared 2-core VM must not cry wolf: the same binary's
/// median moves a few percent between runs. So a change counts as a
/// regression only when it is *all* of:
///
/// Centres are the 20th percentile of times (80th of larger-is-better
/// ratios), because interference only slows runs down (`Statistics.centre`).
///
/// 1. **Large** — beyond the effective relative limit,
///    `max(tolerance.relative, noiseMultiplier × baseline.noiseFloor)`.
///    The noise floor is how far batch centres moved at rebaseline, so a
///    benchmark that is noisy on this host gets a wider limit by itself.
/// 2. **Not tiny** — beyond `tolerance.absolute` in the metric's unit
///    (a 2 % change of 50 µs is timer noise, not a regression).
/// 3. **Significant** — Mann-Whitney p < `alpha` between the baseline's
///    samples and the current ones. A shifted centre from one unlucky batch
///    with wide spread is not evidence.
///
/// Large but not significant is `inconclusive`: reported loudly, with the
/// noise seen, never a failure.
///
/// 4. **Not the machine** — a time and its calibrated twin (``Metric/calibrated``)
///    are judged together, on the geometric mean of their two changes, and
///    both must be significant and point the same way
///    (``decide(time:calibrated:policy:)``): seconds drift with the
///    machine, calibrations with the kernel, and their mean with half of each.
///
/// The caller (``Gate/check(_:parameters:samples:remeasure:)``) then confirms
/// any regression with fresh measurements.
public enum DecisionRule {
    /// Decides one metric.
    ///
    /// - Parameters:
    ///   - metric: The metric's name, for the report.
    ///   - baseline: The recorded samples, median, noise floor, tolerance and direction.
    ///   - current: This run's samples.
    ///   - policy: Alpha, minimum samples and noise multiplier.
    /// - Returns: The comparison, with its verdict and a note saying why.
    public static func decide(metric: String, baseline: MetricBaseline, current: [Double],
                              policy: GatePolicy) -> MetricComparison {
        let limit = max(baseline.tolerance.relative, policy.noiseMultiplier * baseline.noiseFloor)
        // Centres: a low quantile of times, a high one of ratios (see `Statistics.centre`).
        let baselineCentre = Statistics.centre(baseline.samples, direction: baseline.direction) ?? baseline.median
        var result = MetricComparison(
            metric: metric, unit: baseline.unit, baselineCentre: baselineCentre,
            currentCentre: Statistics.centre(current, direction: baseline.direction), change: nil,
            effectiveTolerance: limit, pValue: nil, verdict: .pass, note: "")

        // Too few samples: neither the centre nor the test means anything.
        let fewest = min(current.count, baseline.samples.count)
        guard fewest >= policy.minimumSamples, let currentCentre = result.currentCentre else {
            result.verdict = .inconclusive(
                "too few samples (current \(current.count), baseline \(baseline.samples.count); need \(policy.minimumSamples))")
            result.note = "measure at least \(policy.minimumSamples) samples"
            return result
        }
        guard baselineCentre > 0 else {
            result.verdict = .inconclusive("baseline centre is 0; a relative change is undefined")
            return result
        }

        // Relative change of the centres; `worse` is positive when it goes the bad way.
        let change = currentCentre / baselineCentre - 1
        let worse = baseline.direction == .smallerIsBetter ? change : -change
        result.change = change

        // 1 and 2: within either limit is a pass, whatever the p-value says.
        // A significant 1 % change is real but not what this gate is for.
        let absoluteChange = abs(currentCentre - baselineCentre)
        guard abs(change) > limit, absoluteChange > baseline.tolerance.absolute else {
            return result
        }

        // 3: large enough to matter; is it more than noise?
        let p = MannWhitney.pValue(baseline.samples, current) ?? 1
        result.pValue = p
        guard p < policy.alpha else {
            let noise = Statistics.relativeSpread(current).map(percent) ?? "?"
            result.verdict = .inconclusive("too noisy to tell")
            result.note = "\(signedPercent(change)) is beyond \(percent(limit)) but not significant "
                + "(p=\(format(p)) ≥ \(format(policy.alpha))); current spread \(noise) (MAD/median), "
                + "baseline noise floor \(percent(baseline.noiseFloor)). Re-run on a quieter machine."
            return result
        }
        result.verdict = worse > 0 ? .regression : .improvement
        result.note = worse > 0
            ? "\(signedPercent(change)) worse than baseline, beyond \(percent(limit)), p=\(format(p))"
            : "\(signedPercent(change)) better than baseline: rebaseline to keep the gate tight"
        return result
    }

    /// One metric's name, recorded baseline and current samples.
    public typealias Measured = (name: String, baseline: MetricBaseline, current: [Double])

    /// Rule 4: decides a time (`wall`, `cpu`) and its calibrated twin
    /// together; both rows get the joint verdict.
    ///
    /// The two are independent estimates of the job's change. Seconds are off
    /// by the machine's drift: measured here, batch centres of unchanged code
    /// moved up to 26-29 % within minutes. Calibrations are off by the
    /// kernel's own jitter: it is other code, and in some phases it slowed
    /// 10-20 % while the job did not slow at all. Their geometric mean,
    /// `sqrt((1 + a) (1 + b)) - 1`, carries half of each error; it is judged
    /// against the wider of the two limits, and a verdict needs both changes
    /// significant (Mann-Whitney) and in the same direction.
    public static func decide(time: Measured, calibrated: Measured,
                              policy: GatePolicy) -> (time: MetricComparison, calibrated: MetricComparison) {
        var rows = (time: decide(metric: time.name, baseline: time.baseline, current: time.current, policy: policy),
                    calibrated: decide(metric: calibrated.name, baseline: calibrated.baseline,
                                       current: calibrated.current, policy: policy))
        guard let a = rows.time.change, let b = rows.calibrated.change, let current = rows.time.currentCentre
        else { return rows }  // too few samples: each row already says so
        let aloneWouldFail = rows.time.verdict != .pass || rows.calibrated.verdict != .pass
        let joint = ((1 + a) * (1 + b)).squareRoot() - 1
        let limit = max(rows.time.effectiveTolerance, rows.calibrated.effectiveTolerance)
        let worse = time.baseline.direction == .smallerIsBetter ? joint : -joint
        let together = "judged with \(calibrated.name): \(signedPercent(joint)) together (geometric mean of \(signedPercent(a)) and \(signedPercent(b)))"
        var verdict = MetricVerdict.pass
        var note = ""
        if abs(joint) > limit, abs(current - rows.time.baselineCentre) > time.baseline.tolerance.absolute {
            let pTime = MannWhitney.pValue(time.baseline.samples, time.current) ?? 1
            let pCalibrated = MannWhitney.pValue(calibrated.baseline.samples, calibrated.current) ?? 1
            rows.time.pValue = pTime
            rows.calibrated.pValue = pCalibrated
            if (a > 0) != (b > 0) {
                verdict = .inconclusive("seconds and calibrations disagree")
                note = "\(signedPercent(a)) in seconds but \(signedPercent(b)) in calibrations: the machine's speed moved, "
                    + "not necessarily the code's. Re-run on a quieter machine."
            } else if max(pTime, pCalibrated) >= policy.alpha {
                verdict = .inconclusive("too noisy to tell")
                note = "\(signedPercent(joint)) together is beyond \(percent(limit)) but not significant "
                    + "(p=\(format(pTime)) and \(format(pCalibrated))). Re-run on a quieter machine."
            } else {
                verdict = worse > 0 ? .regression : .improvement
                note = worse > 0
                    ? "\(signedPercent(joint)) worse together, beyond \(percent(limit))"
                    : "\(signedPercent(joint)) better together: rebaseline to keep the gate tight"
            }
        }
        for keyPath in [\(time: MetricComparison, calibrated: MetricComparison).time, \.calibrated] {
            rows[keyPath: keyPath].verdict = verdict
            rows[keyPath: keyPath].effectiveTolerance = limit
            rows[keyPath: keyPath].note = ""
        }
        // Said whenever judging the two together changed or decided something.
        if verdict != .pass || aloneWouldFail {
            rows.time.note = [together, note].filter { !$0.isEmpty }.joined(separator: "; ")
        }
        return rows
    }
}
