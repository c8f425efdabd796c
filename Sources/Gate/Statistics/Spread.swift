extension Statistics {
    /// Scales the MAD to estimate a normal distribution's standard deviation.
    public static let madScale = 1.4826

    /// Median absolute deviation from the median, scaled by ``madScale``.
    ///
    /// Robust: one preempted sample out of ten barely moves it, unlike the
    /// standard deviation.
    public static func mad(_ values: [Double]) -> Double? {
        guard let center = median(values) else { return nil }
        return median(values.map { abs($0 - center) }).map { $0 * madScale }
    }

    /// MAD over median: the noise of a sample as a fraction (0.02 = 2 %).
    /// `nil` when empty or when the median is zero.
    public static func relativeSpread(_ values: [Double]) -> Double? {
        guard let center = median(values), center != 0, let spread = mad(values) else { return nil }
        return spread / abs(center)
    }

    /// The relative range of per-batch medians, `(max - min) / median`.
    ///
    /// This is the gate's noise floor: how far the *median* of a whole batch
    /// moves from one run to the next, which is what the gate compares. Within-
    /// run spread underestimates it (platform facts: 0.3 % within a job, far
    /// more across jobs). `nil` with fewer than two non-empty batches.
    public static func batchMedianSpread(_ batches: [[Double]]) -> Double? {
        let medians = batches.compactMap(median)
        guard medians.count >= 2, let center = median(medians), center != 0,
              let extremes = range(medians) else { return nil }
        return (extremes.max - extremes.min) / abs(center)
    }
}
