import Testing
@testable import Gate

@Suite("Statistics")
struct StatisticsTests {
    @Test func medianOfEvenAndOddCounts() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == nil)
    }

    @Test func quantilesInterpolateLikeNumpy() throws {
        // numpy.quantile([1..10], [.25, .5, .75]) == [3.25, 5.5, 7.75]
        let values = (1...10).map(Double.init)
        #expect(Statistics.quantile(values, 0.25) == 3.25 && Statistics.median(values) == 5.5)
        #expect(Statistics.quantile(values, 0.75) == 7.75)
        #expect(Statistics.range([3, -1, 7])! == (min: -1, max: 7))
    }

    @Test("the expected range of batch medians: wide for two-mode samples, narrow for tight ones, reproducible")
    func expectedMedianRange() throws {
        // Two batches whose medians happen to agree, drawn from two modes 20 % apart (a contended lock).
        let twoModes = [2.6, 3.2, 2.6, 3.2, 2.6, 3.2, 2.6, 3.2, 2.6, 3.2, 2.6, 2.6, 3.2, 3.2, 2.6, 3.2, 2.6, 3.2, 3.2, 2.6]
        #expect(Statistics.relativeRange([twoModes[0..<10], twoModes[10..<20]].compactMap { Statistics.median(Array($0)) }) == 0)
        let wide = try #require(Statistics.expectedMedianRange(twoModes, batchSize: 10, batches: 3))
        #expect(wide > 0.08)
        let tight = (0..<30).map { 1.0 + Double($0 % 5) * 0.001 }
        let narrow = try #require(Statistics.expectedMedianRange(tight, batchSize: 10, batches: 3))
        #expect(narrow < 0.003)
        #expect(Statistics.expectedMedianRange(twoModes, batchSize: 10, batches: 3) == wide)
        #expect(Statistics.expectedMedianRange([1], batchSize: 10, batches: 3) == nil)
    }

    @Test func relativeRangeOfBatchCentres() {
        #expect(Statistics.relativeRange([10, 11, 9]) == 0.2)
        #expect(Statistics.relativeRange([1]) == nil)
    }
}

@Suite("Mann-Whitney U")
struct MannWhitneyTests {
    // Reference p-values computed with scipy 1.17.1:
    // scipy.stats.mannwhitneyu(a, b, alternative="two-sided", method=<method>).pvalue
    @Test func exactSmallSamplesMatchScipy() throws {
        let p = try #require(MannWhitney.pValue([1.1, 2.3, 3.5, 4.2, 5.9], [2.0, 6.1, 7.3, 8.8, 9.4, 10.2]))
        #expect(abs(p - 0.05194805194805195) < 1e-12)  // method="exact"
        let separated = try #require(MannWhitney.pValue([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]))
        #expect(abs(separated - 0.007936507936507936) < 1e-12)  // method="exact": 2/252
    }

    @Test func exactTenVersusThirtyMatchesScipy() throws {
        let a = (0..<10).map { (i: Int) -> Double in
            let x = Double(i)
            return 20 + 0.37 * x + 0.011 * x * x
        }
        let b = (0..<30).map { (j: Int) -> Double in 21.5 + 0.21 * Double(j) }
        let p = try #require(MannWhitney.pValue(a, b))
        #expect(abs(p - 0.0003693082191034852) < 1e-12)  // method="exact"
    }

    @Test func tiesUseCorrectedNormalApproximation() throws {
        let p = try #require(MannWhitney.pValue([1, 2, 2, 3, 4, 4, 5], [3, 4, 4, 5, 6, 6, 7, 8]))
        #expect(abs(p - 0.02228731901455301) < 1e-9)  // method="asymptotic"
    }

    @Test func largeSamplesUseNormalApproximation() throws {
        let a = (0..<35).map { (i: Int) -> Double in 1.0 + 0.1 * Double(i) }
        let b = (0..<30).map { (j: Int) -> Double in 2.05 + 0.1 * Double(j) }
        let p = try #require(MannWhitney.pValue(a, b))
        #expect(abs(p - 0.003134776151048507) < 1e-9)  // method="asymptotic"
    }

    @Test func degenerateInputs() {
        #expect(MannWhitney.pValue([], [1]) == nil)
        #expect(MannWhitney.pValue([1, 1, 1], [1, 1]) == 1)
        #expect(MannWhitney.pValue([1, 2, 3], [1, 2, 3]) == 1)
    }
}
