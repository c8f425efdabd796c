import Runners
import XCTest

/// One test per way of sharing one total (the article's "race conditions:
/// use locks"), K = cores jobs at once, gated against `baselines/`.
final class SharedStatePerformanceTests: GateTestCase {
    private func gate(_ variant: SharedCounter, line: UInt = #line) {
        GateHarness.run("shared.\(variant)", in: self, line: line)
    }

    func testMutex() { gate(.mutex) }
    func testAtomic() { gate(.atomic) }
    func testActor() { gate(.actor) }
    func testPerJob() { gate(.perJob) }

    /// Fails when a variant is added without a test above.
    func testEveryVariantHasATest() {
        XCTAssertEqual(SharedCounter.allCases.count, 4, "add a test method for the new variant")
    }
}
