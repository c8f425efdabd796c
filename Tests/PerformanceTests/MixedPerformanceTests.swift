import Runners
import XCTest

/// One test per model on the mixed job (each job GETs /delay on the embedded
/// loopback server, then counts primes), gated against `baselines/`.
final class MixedPerformanceTests: GateTestCase {
    private func gate(_ model: ConcurrencyModel, line: UInt = #line) {
        GateHarness.run("mixed.\(model)", in: self, line: line)
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
}
