import Gate
import Workloads
import XCTest

/// A suite whose jobs GET from the embedded loopback server: one server per
/// suite, started before its first test and stopped after its last.
class ServerBackedTests: XCTestCase {
    // XCTest calls class setUp, every test and class tearDown one after another
    // on one thread, so this is never touched concurrently.
    nonisolated(unsafe) private static var server: DelayServer?

    override class func setUp() {
        super.setUp()
        ServerBackedTests.server = try? DelayServer()
    }

    override class func tearDown() {
        ServerBackedTests.server?.stop()
        ServerBackedTests.server = nil
        super.tearDown()
    }

    /// Gates the benchmark that `make` builds for the server's address.
    func gate(line: UInt, _ make: (HTTPURL) -> Benchmark) {
        guard let base = ServerBackedTests.server?.baseURL else {
            return XCTFail("the embedded delay server did not start on 127.0.0.1", line: line)
        }
        GateHarness.run(make(base), in: self, line: line)
    }
}
