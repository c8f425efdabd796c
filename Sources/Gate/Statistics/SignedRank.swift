import Foundation

/// Paired comparison of interleaved trials: the Wilcoxon signed-rank test on
/// the log ratios `log(current_i / reference_i)`, and a distribution-free
/// confidence interval for their median.
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
            // ways[s]: sign assignments whose positive ranks sum to s.
            var ways = [Double](repeating: 0, count: Int(total) + 1)
            ways[0] = 1
            for rank in 1...n {
                for sum in stride(from: Int(total), through: rank, by: -1) { ways[sum] += ways[sum - rank] }
            }
            let tail = ways[0...Int(w)].reduce(0, +) / pow(2, Double(n))
            return min(1, 2 * tail)
        }
        let mean = total / 2
        let variance = Double(n * (n + 1) * (2 * n + 1)) / 24 - ranked.tieTerm / 48
        guard variance > 0 else { return 1 }
        let z = (abs(positive - mean) - 0.5) / variance.squareRoot()
        return min(1, erfc(max(0, z) / 2.0.squareRoot()))
    }

    /// A confidence interval for the median of `values` with coverage of at
    /// least `confidence`, from order statistics (no distribution assumed):
    /// `[x(k), x(n+1-k)]` with the largest `k` whose binomial coverage suffices.
    /// `nil` for fewer than 2 values.
    public static func medianInterval(_ values: [Double], confidence: Double) -> ClosedRange<Double>? {
        let sorted = values.sorted()
        let n = sorted.count
        guard n >= 2 else { return nil }
        // P(X < k) for X ~ Binomial(n, 1/2): the chance the median lies below x(k).
        var below = [Double](repeating: 0, count: n + 1)
        var term = pow(0.5, Double(n))
        var cumulative = 0.0
        for j in 0...n {
            below[j] = cumulative
            cumulative += term
            term *= Double(n - j) / Double(j + 1)
        }
        var k = 1
        while k + 1 <= n / 2, 1 - 2 * below[k + 1] >= confidence { k += 1 }
        return sorted[k - 1]...sorted[n - k]
    }
}
