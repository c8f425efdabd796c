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
///    must agree: a time regresses only if it does so both in seconds and in
///    units of the calibration kernel timed beside it (``reconcile(_:)``).
///    Slower in seconds only: the machine was slower too. Slower in
///    calibrations only: the kernel ran fast, the job did not run slow.
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

    /// Rule 4: a time and its calibrated twin must agree on a regression or
    /// an improvement; where they do not, both pass, with a note saying why.
    ///
    /// Why both, measured on this kit's VM: the machine's speed moved batch
    /// centres of unchanged code by up to 26-29 % within minutes, which only
    /// the calibrated time cancels; but the calibration kernel, being other
    /// code, sometimes slowed 20 % while the job slowed 5 %, which only the
    /// raw time sees through. A real slowdown moves both.
    public static func reconcile(_ comparisons: [MetricComparison]) -> [MetricComparison] {
        var result = comparisons
        for (index, raw) in comparisons.enumerated() {
            guard let twinName = Metric.known.first(where: { $0.name == raw.metric })?.calibrated?.name,
                  let twinIndex = comparisons.firstIndex(where: { $0.metric == twinName })
            else { continue }
            let twin = comparisons[twinIndex]
            guard raw.verdict != twin.verdict else { continue }
            for (lone, other, position) in [(raw, twin, index), (twin, raw, twinIndex)]
            where lone.verdict == .regression || lone.verdict == .improvement {
                let direction = lone.verdict == .regression ? "slower" : "faster"
                result[position].verdict = .pass
                result[position].note = "\(lone.change.map(signedPercent) ?? "?") alone does not count: "
                    + "\(other.metric) \(other.change.map(signedPercent) ?? "?") (\(other.verdict.label)) says "
                    + (lone.metric == raw.metric
                        ? "the machine ran \(direction) too"
                        : "the calibration kernel ran \(direction == "slower" ? "faster" : "slower"), not the job \(direction)")
            }
        }
        return result
    }
}
