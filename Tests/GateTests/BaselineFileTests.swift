import Foundation
import Testing
@testable import Gate

@Suite("Baseline files")
struct BaselineFileTests {
    func sampleFile() -> BaselineFile {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 9))
        return BaselineFile(configuration: "release", benchmarks: [
            "cpu.threads": baselineEntry((0..<3).map { _ in machine.cpuBatch(width: 2) }),
            "cpu.serial": baselineEntry([machine.cpuBatch(width: 1)]),
        ])
    }

    @Test("decoding what was written gives it back (numbers rounded to 6 digits once)")
    func roundTrips() throws {
        let once = try BaselineFile.decode(sampleFile().encoded(), file: "x.json")
        #expect(try BaselineFile.decode(once.encoded(), file: "x.json") == once)
        #expect(once.benchmarks.keys.sorted() == ["cpu.serial", "cpu.threads"])
        #expect(once.benchmarks["cpu.threads"]?.metrics["wallPerCal"]?.samples.count == 30)
    }

    @Test("each metric is two lines: summary with limit beside tolerance, then its samples")
    func layoutReviewsInAMinute() throws {
        let text = String(decoding: sampleFile().encoded(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count < 60)
        let summaries = lines.filter { $0.contains("\"tolerance\"") }
        #expect(summaries.count == 6 && summaries.allSatisfy { $0.contains("\"limit\"") && $0.contains("\"centre\"") })
        #expect(lines.filter { $0.contains("\"samples\"") }.allSatisfy { $0.hasSuffix("]") })
    }

    @Test(arguments: [
        ("\"format\": 3", "\"format\": 1", "format 1 is not supported"),
        ("\"wallPerCal\"", "\"wall\"", "not a judged metric"),
        ("\"samples\": [", "\"samples\": [], \"x\": [", "unknown key"),
    ])
    func badFilesNameFileKeyAndRemedy(original: String, replacement: String, expected: String) throws {
        let text = String(decoding: sampleFile().encoded(), as: UTF8.self)
        let broken = text.replacingOccurrences(of: original, with: replacement)
        #expect {
            try BaselineFile.decode(Array(broken.utf8), file: "baselines/release.json")
        } throws: { error in
            let message = String(describing: error)
            return message.contains("baselines/release.json") && message.contains(expected)
        }
    }

    @Test("a baseline with no samples would check nothing: rejected, with the key and what to do")
    func emptySamplesAreRejected() throws {
        let text = String(decoding: sampleFile().encoded(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.contains("\"samples\"") })
        lines[index] = "          \"samples\": []"
        #expect {
            try BaselineFile.decode(Array(lines.joined(separator: "\n").utf8), file: "b.json")
        } throws: { error in
            let message = String(describing: error)
            return message.contains(".samples") && message.contains("no samples") && message.contains("make rebaseline")
        }
    }
}
