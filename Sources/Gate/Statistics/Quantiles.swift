/// Order statistics of samples. Empty input gives `nil`, never a trap.
public enum Statistics {}

extension Statistics {
    /// The median: the middle value, or the mean of the two middle values.
    public static func median(_ values: [Double]) -> Double? {
        quantile(values, 0.5)
    }

    /// The `q`-quantile (0...1) with linear interpolation between order
    /// statistics (R type 7, numpy's default), so results match common tools.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty, q.isFinite else { return nil }
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * min(max(q, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Smallest and largest value.
    public static func range(_ values: [Double]) -> (min: Double, max: Double)? {
        guard let low = values.min(), let high = values.max() else { return nil }
        return (low, high)
    }
}
