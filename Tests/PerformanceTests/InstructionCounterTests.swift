import Workloads
import XCTest

/// The instruction counter itself: its parsing, and that its counts really
/// are deterministic on this machine (the reason the gate trusts a 2 % limit).
final class InstructionCounterTests: XCTestCase {
    func testParsesCachegrindSummary() {
        let report = """
            ==7506== Cachegrind, a cache and branch-prediction profiler
            ==7506== Command: bench-worker primes 100000 0
            ==7506==
            ==7506== I   refs:      46,586,423
            """
        XCTAssertEqual(InstructionCounter.instructions(inCachegrindReport: report), 46_586_423)
        XCTAssertNil(InstructionCounter.instructions(inCachegrindReport: "==1== Command: x\n"))
    }

    func testCountsRepeatAndGrowWithWork() throws {
        guard case .success(let counter) = InstructionCounter.make() else {
            throw XCTSkip("valgrind is not installed: the gate reports the instruction count as not measured")
        }
        let counts = try counter.counts(PrimeJob(limit: 20_000, extraWork: 0), runs: 2)
        XCTAssertEqual(counts[0], counts[1], accuracy: counts[0] * 0.0001, "counts of one job must agree to 0.01 %")
        let more = try counter.counts(PrimeJob(limit: 20_000, extraWork: 0.25), runs: 1)[0]
        XCTAssertGreaterThan(more, counts[0] * 1.1, "25 % more slices must count more instructions")
    }
}
