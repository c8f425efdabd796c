extension Statistics {
    /// Median absolute deviation scaled to a standard deviation for normal data.
    public static let madScale = 1.4826

    /// The scaled median absolute deviation, or `nil` for no values.
    public static func mad(_ values: [Double]) -> Double? {
        guard let center = median(values) else { return nil }
        return median(values.map { abs($0 - center) }).map { $0 * madScale }
    }

    /// MAD over median: the spread of one batch as a fraction.
    public static func relativeSpread(_ values: [Double]) -> Double? {
        guard let center = median(values), center != 0, let spread = mad(values) else { return nil }
        return spread / abs(center)
    }

    /// How far the medians of separate batches lie apart, as a fraction of
    /// their median: run-to-run noise, which within-batch spread understates.
    public static func batchMedianSpread(_ batches: [[Double]]) -> Double? {
        let medians = batches.compactMap(median)
        guard medians.count >= 2, let center = median(medians), center != 0,
              let extremes = range(medians) else { return nil }
        return (extremes.max - extremes.min) / abs(center)
    }
}
