import Testing
@testable import Gate

@Suite("Statistics")
struct StatisticsTests {
    @Test func medianOfEvenAndOdd() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == nil)
    }
}
