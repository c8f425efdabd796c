extension Statistics {
    /// The quantile the gate compares: the 20th percentile of a time (the
    /// 80th of a larger-is-better ratio), not the median.
    ///
    /// Interference on a shared VM only ever makes a run slower: measured
    /// here, whole seconds in which parallel runs took twice their CPU time
    /// (a busy sibling core), and single-thread runs 20 % slower. A low
    /// quantile ignores such phases unless they cover most of a batch, while
    /// a real slowdown moves every sample, this quantile included. (The same
    /// reasoning is behind swift-nio's "report the minimum" and Chen & Revels,
    /// "Robust benchmarking in noisy environments", 2016; a quantile instead
    /// of the minimum keeps one lucky sample from deciding.)
    public static let centreQuantile = 0.2

    /// The gate's centre of `values` for a metric going `direction`.
    public static func centre(_ values: [Double], direction: Metric.Direction) -> Double? {
        quantile(values, direction == .smallerIsBetter ? centreQuantile : 1 - centreQuantile)
    }

    /// How far the centre moves between batches, relative to the centre of
    /// all batches: the noise floor learned at rebaseline. `nil` with fewer
    /// than two non-empty batches.
    ///
    /// With four or more batches the one farthest from the others is left
    /// out: a burst can move a whole batch and must not widen the limit for
    /// good. At check time, bursts are what the confirming re-measure is for.
    public static func batchCentreSpread(_ batches: [[Double]], direction: Metric.Direction) -> Double? {
        var centres = batches.compactMap { centre($0, direction: direction) }
        guard centres.count >= 2, let middle = median(centres), middle != 0 else { return nil }
        if centres.count >= 4,
           let outlier = centres.indices.max(by: { abs(centres[$0] - middle) < abs(centres[$1] - middle) }) {
            centres.remove(at: outlier)
        }
        guard let extremes = range(centres) else { return nil }
        return (extremes.max - extremes.min) / abs(middle)
    }
}
