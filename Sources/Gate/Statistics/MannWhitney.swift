import Foundation

/// The Mann-Whitney U test: do two samples come from the same distribution?
///
/// Rank-based, so it needs no normality and shrugs off outliers, which suits
/// timing samples with their long right tail.
public enum MannWhitney {
    /// Up to this many samples in total, without ties, the p-value is exact.
    public static let exactLimit = 60

    /// The two-sided p-value for `a` and `b` having the same distribution.
    ///
    /// Exact (by counting rank arrangements) when there are no ties and at most
    /// ``exactLimit`` samples; otherwise the normal approximation with tie and
    /// continuity correction (as scipy's `mannwhitneyu(method="asymptotic")`).
    /// `nil` if either sample is empty.
    public static func pValue(_ a: [Double], _ b: [Double]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let ranked = ranks(a + b)
        let u = uStatistic(rankSumOfFirst: ranked.ranks.prefix(a.count).reduce(0, +), n1: a.count)
        if ranked.tieTerm == 0, a.count + b.count <= exactLimit {
            return exactPValue(u: u, n1: a.count, n2: b.count)
        }
        return asymptoticPValue(u: u, n1: a.count, n2: b.count, tieTerm: ranked.tieTerm)
    }

    /// U of the first sample from its rank sum.
    static func uStatistic(rankSumOfFirst rankSum: Double, n1: Int) -> Double {
        rankSum - Double(n1 * (n1 + 1)) / 2
    }

    /// Mid-ranks (ties share their average rank) and `Σ (t³ - t)` over tie groups.
    static func ranks(_ values: [Double]) -> (ranks: [Double], tieTerm: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let midRank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = midRank }
            let t = Double(end - start + 1)
            tieTerm += t * t * t - t
            start = end + 1
        }
        return (ranks, tieTerm)
    }

    /// Normal approximation: z with continuity correction, variance tie-corrected.
    static func asymptoticPValue(u: Double, n1: Int, n2: Int, tieTerm: Double) -> Double {
        let (m, n) = (Double(n1), Double(n2))
        let mean = m * n / 2
        let total = m + n
        let variance = m * n / 12 * ((total + 1) - tieTerm / (total * (total - 1)))
        guard variance > 0 else { return 1 }  // every value tied: no evidence of a difference
        let deviation = max(abs(u - mean) - 0.5, 0)
        let z = deviation / variance.squareRoot()
        return min(1, erfc(z / 2.0.squareRoot()))
    }

    /// Exact two-sided p-value: `2 · P(U ≥ max(u, mn - u))`, capped at 1.
    ///
    /// `counts[k]` is the number of orderings of n1 + n2 distinct values in
    /// which the first sample's U is k, built up one sample size at a time.
    /// Doubles hold the counts: C(60, 30) ≈ 1.2e17 is within their exact range
    /// to ~1e-16 relative, far below what an alpha of 0.01 needs.
    static func exactPValue(u: Double, n1: Int, n2: Int) -> Double {
        let maxU = n1 * n2
        // table[j][k]: orderings of i first-sample and j second-sample values with U = k,
        // for the current i; recurrence f(i, j, k) = f(i-1, j, k-j) + f(i, j-1, k).
        var previous = [[Double]](repeating: [1] + [Double](repeating: 0, count: maxU), count: n2 + 1)
        for _ in 0..<n1 {
            var current = [[Double]](repeating: [Double](repeating: 0, count: maxU + 1), count: n2 + 1)
            for j in 0...n2 {
                for k in 0...maxU {
                    var count = k >= j ? previous[j][k - j] : 0
                    if j > 0 { count += current[j - 1][k] }
                    current[j][k] = count
                }
            }
            previous = current
        }
        let counts = previous[n2]
        let total = counts.reduce(0, +)
        let upper = Int(max(u, Double(maxU) - u).rounded())
        let tail = counts[min(upper, maxU)...].reduce(0, +)
        return min(1, 2 * tail / total)
    }
}
