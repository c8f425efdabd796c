import Foundation

/// Paired comparison of interleaved trials: the Wilcoxon signed-rank test on
/// the log ratios `log(current_i / reference_i)`, and the confidence
/// interval that goes with it.
///
/// Pair `i` ran its two trials one after the other on the same machine, in
/// random order, so a slow minute or a busy neighbour slows both: the ratio
/// keeps the change and drops the machine (randomized multiple interleaved
/// trials, Abedi & Brecht 2017; Laaber et al. 2019).
public enum SignedRank {
    /// The log ratio of each pair; pairs with a non-positive value are dropped.
    public static func logRatios(_ current: [Double], _ reference: [Double]) -> [Double] {
        zip(current, reference).compactMap { $0 > 0 && $1 > 0 ? log($0 / $1) : nil }
    }

    /// The two-sided p-value that the differences are symmetric about 0.
    ///
    /// Exact (by counting sign assignments of the ranks) up to 30 non-zero
    /// differences without ties, else the normal approximation with tie correction.
    /// `nil` when there is no non-zero difference.
    public static func pValue(_ differences: [Double]) -> Double? {
        let nonZero = differences.filter { $0 != 0 }
        guard !nonZero.isEmpty else { return nil }
        let ranked = MannWhitney.ranks(nonZero.map(abs))
        let positive = zip(nonZero, ranked.ranks).filter { $0.0 > 0 }.map(\.1).reduce(0, +)
        let n = nonZero.count
        let total = Double(n * (n + 1)) / 2
        let w = min(positive, total - positive)
        if ranked.tieTerm == 0, n <= 30 {
            let ways = signSums(n)
            let tail = ways[0...Int(w)].reduce(0, +) / pow(2, Double(n))
            return min(1, 2 * tail)
        }
        let mean = total / 2
        let variance = Double(n * (n + 1) * (2 * n + 1)) / 24 - ranked.tieTerm / 48
        guard variance > 0 else { return 1 }
        let z = (abs(positive - mean) - 0.5) / variance.squareRoot()
        return min(1, erfc(max(0, z) / 2.0.squareRoot()))
    }

    /// The confidence interval for the shift of `differences` that inverts the
    /// signed-rank test: from their pairwise means (Walsh averages), it leaves
    /// 0 out exactly when ``pValue(_:)`` is below `1 - confidence` (no ties).
    /// Cutting `k` Walsh averages off each end covers `1 - 2 P(T <= k)`; the
    /// largest `k` whose coverage suffices is taken (Hollander & Wolfe; R's
    /// `wilcox.test(conf.int = TRUE)`). `nil` for fewer than 2 differences.
    public static func interval(_ differences: [Double], confidence: Double) -> ClosedRange<Double>? {
        let n = differences.count
        guard n >= 2 else { return nil }
        var walsh: [Double] = []
        for i in 0..<n { for j in i..<n { walsh.append((differences[i] + differences[j]) / 2) } }
        walsh.sort()
        let total = walsh.count
        let tail = (1 - confidence) / 2
        let ways = signSums(n)  // exact: a batch is a few dozen pairs
        // Cut the most whose P(T <= cut) still fits in the tail.
        var (cut, below) = (0, ways[0])
        while cut + 1 < total / 2, (below + ways[cut + 1]) / pow(2, Double(n)) <= tail {
            cut += 1
            below += ways[cut]
        }
        return walsh[cut]...walsh[total - 1 - cut]
    }

    /// `ways[s]`: how many of the `2^n` sign assignments of ranks `1...n` have positive ranks summing to `s`.
    static func signSums(_ n: Int) -> [Double] {
        var ways = [Double](repeating: 0, count: n * (n + 1) / 2 + 1)
        ways[0] = 1
        for rank in stride(from: 1, through: n, by: 1) {
            for sum in stride(from: ways.count - 1, through: rank, by: -1) { ways[sum] += ways[sum - rank] }
        }
        return ways
    }
}
