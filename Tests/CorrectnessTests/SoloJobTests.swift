@testable import Benchmarks
import Testing
import Workloads

/// One job alone, the yardstick of every CPU and mixed sample.
@Suite("One job alone")
struct SoloJobTests {
    @Test("it is timed on each CPU the process may use, and the caller gets its CPUs back")
    func visitsEachCPUAndRestoresTheMask() throws {
        let before = Machine.current.allowedCPUs
        for turn in 0..<3 {
            let solo = try Catalog.soloJob(limit: 20_000, turn: turn)
            #expect(solo.mean > 0 && solo.spread >= 0)
            // Left pinned, every model measured after it would run on one CPU.
            #expect(Machine.current.allowedCPUs == before)
        }
    }
}
