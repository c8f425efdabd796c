extension Statistics {
    /// How far `centres` (one per batch) lie apart, as a fraction of their median.
    public static func relativeRange(_ centres: [Double]) -> Double? {
        guard centres.count >= 2, let center = median(centres), center != 0,
              let extremes = range(centres) else { return nil }
        return (extremes.max - extremes.min) / abs(center)
    }

    /// The range that `batches` batch medians of `batchSize` samples show on
    /// average, as a fraction of the pooled median: batches drawn (with
    /// replacement) from `pooled`, `resamples` times.
    ///
    /// It estimates what ``relativeRange(_:)`` of the recorded batches' medians
    /// measures once, and one draw can come out small by luck (three batches
    /// of a contended lock, same code, same machine: 2 % in one recording,
    /// 12 % in the next). Seeded, so the same samples give the same figure.
    public static func expectedMedianRange(_ pooled: [Double], batchSize: Int, batches: Int,
                                           resamples: Int = 1000) -> Double? {
        guard pooled.count >= 2, batchSize >= 1, batches >= 2, let center = median(pooled), center != 0 else { return nil }
        var generator = SplitMix64(seed: 0x5EED)
        var batch = [Double](repeating: 0, count: batchSize)
        var total = 0.0
        for _ in 0..<resamples {
            var low = Double.infinity, high = -Double.infinity
            for _ in 0..<batches {
                for index in batch.indices { batch[index] = pooled[Int(generator.next() % UInt64(pooled.count))] }
                let middle = median(batch)!
                low = min(low, middle)
                high = max(high, middle)
            }
            total += high - low
        }
        return total / Double(resamples) / abs(center)
    }
}

/// A small, fast, seedable generator (Steele, Lea, Flood 2014), so a recorded
/// noise figure is reproducible from the recorded samples.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
