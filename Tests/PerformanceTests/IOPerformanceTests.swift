import Runners
import Workloads
import XCTest

/// One test per model on the I/O-bound job (concurrent GETs of /delay on the
/// embedded loopback server), gated against `baselines/`.
final class IOPerformanceTests: XCTestCase {
    // XCTest calls class setUp, every test and class tearDown one after another
    // on one thread, so this is never touched concurrently.
    nonisolated(unsafe) private static var server: DelayServer?

    override class func setUp() {
        super.setUp()
        server = try? DelayServer()
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private func gate(_ model: ConcurrencyModel, line: UInt = #line) {
        guard let base = Self.server?.baseURL else {
            return XCTFail("the embedded delay server did not start on 127.0.0.1", line: line)
        }
        GateHarness.run(PerformanceBenchmark.io(model, server: base), in: self, line: line)
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
