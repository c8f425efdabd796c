import Runners
import XCTest

/// One test per model on the CPU-bound job (K prime counts), gated against
/// `baselines/`. XCTest runs these serially, before any Swift Testing test,
/// so nothing else competes for the two cores while they measure.
final class CPUPerformanceTests: GateTestCase {
    private func gate(_ model: ConcurrencyModel, line: UInt = #line) {
        GateHarness.run("cpu.\(model)", in: self, line: line)
    }

    func testSerial() { gate(.serial) }
    func testThreads() { gate(.threads) }
    func testDispatch() { gate(.dispatch) }
    func testOperationQueue() { gate(.operationQueue) }
    func testTasks() { gate(.tasks) }
    func testEventLoop() { gate(.eventLoop) }
    func testHybrid() { gate(.hybrid) }
    func testProcesses() { gate(.processes) }
    func testGIL() { gate(.gil) }
    func testBlockingTasks() { gate(.blockingTasks) }

    /// Fails when a model is added without a test above.
    func testEveryModelHasATest() {
        XCTAssertEqual(ConcurrencyModel.allCases.count, 10, "add a test method for the new model in all three suites")
    }
}
