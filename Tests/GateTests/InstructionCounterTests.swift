import Foundation
import Testing
@testable import Gate

@Suite("Instruction counts")
struct InstructionCounterTests {
    @Test("valgrind's stderr: each traced process's count, the program's own lines ignored")
    func reportsPerProcess() {
        let log = """
            ==101== Cachegrind, a high-precision tracing profiler
            program output ==7== that looks like a report
            ==102== Cachegrind, a high-precision tracing profiler
            ==102== I   refs:      1,000
            ==101== I   refs:      49,840,123
            """
        let reports = InstructionCounter.reports(log)
        #expect(reports.keys.sorted() == ["101", "102"])
        #expect(reports.values.compactMap(InstructionCounter.instructions(inReport:)).sorted() == [1_000, 49_840_123])
    }

    @Test("a count leaves nothing in the temporary directory; children are counted, their stderr elsewhere too",
          .enabled(if: (try? InstructionCounter.make().get()) != nil, "needs valgrind"))
    func countsChildrenAndLeavesNothing() throws {
        let counter = try InstructionCounter.make().get()
        let temporary = FileManager.default.temporaryDirectory.path
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: temporary))
        let alone = try counter.counts(["/bin/sh", "-c", "true"], runs: 1)[0]
        let child = try counter.counts(["/bin/true"], runs: 1)[0]
        // As the processes model's workers: a child's stderr is not the counted command's.
        let withChildren = try counter.counts(["/bin/sh", "-c", "/bin/true 2>/dev/null; /bin/true 2>/dev/null"], runs: 1)[0]
        #expect(withChildren > alone + 1.9 * child, "\(alone) alone, \(child) a child, \(withChildren) with two children")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: temporary)).subtracting(before)
            .filter { $0.hasPrefix("kit-valgrind") }.isEmpty)
    }
}
