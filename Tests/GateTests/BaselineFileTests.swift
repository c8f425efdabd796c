import Foundation
import Testing
@testable import Gate

@Suite("Baseline files")
struct BaselineFileTests {
    func writeSample() throws -> URL {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 9))
        let file = BaselineFile(configuration: "release", benchmarks: [
            "cpu.threads": baselineEntry(machine.cpuBatch(width: 2, count: 30)),
            "cpu.serial": baselineEntry(machine.cpuBatch(width: 1, count: 30)),
        ])
        let path = try temporaryDirectory().appendingPathComponent("release.json")
        try BaselineStore.write(file, to: path.path)
        return path
    }

    @Test("reading what was written gives it back; each array of samples is one line")
    func roundTrips() throws {
        let path = try writeSample()
        let once = try #require(try BaselineStore.read(path.path))
        #expect(once.benchmarks.keys.sorted() == ["cpu.serial", "cpu.threads"])
        #expect(once.benchmarks["cpu.threads"]?.metrics["wallPerCal"]?.samples.count == 30)
        let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count < 80, "\(lines.count) lines")
        #expect(lines.filter { $0.contains("\"samples\"") }.allSatisfy { $0.hasSuffix("],") || $0.hasSuffix("]") })
    }

    @Test(arguments: [
        ("\"format\" : 4", "\"format\" : 3", "format 3 is not supported"),
        ("\"wallPerCal\"", "\"wall\"", "not a judged metric"),
        ("\"tolerance\" : 0.05", "\"tolerance\" : \"x\"", "tolerance"),
        ("\"samples\" : [", "\"samples\" : [], \"x\": [", "samples"),
        ("\"configuration\"", "\"config\"", "configuration: missing"),
    ])
    func badFilesNameFileKeyAndRemedy(original: String, replacement: String, expected: String) throws {
        let path = try writeSample()
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: replacement).write(to: path, atomically: true, encoding: .utf8)
        #expect {
            try BaselineStore.read(path.path)
        } throws: { error in
            let message = String(describing: error)
            return message.contains(path.path) && message.contains(expected) && message.contains("make rebaseline")
        }
    }

    @Test("a count may be held exact (tolerance 0); a time may not")
    func zeroToleranceOnlyForCounts() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 9))
        var entry = baselineEntry(machine.cpuBatch(width: 2, count: 30))
        entry.metrics["allocations"] = MetricBaseline(samples: [12, 12, 12.25], tolerance: 0, noise: 0.02)
        let path = try temporaryDirectory().appendingPathComponent("release.json").path
        try BaselineStore.write(BaselineFile(configuration: "release", benchmarks: ["cpu.threads": entry]), to: path)
        #expect(try BaselineStore.read(path)?.benchmarks["cpu.threads"]?.metrics["allocations"]?.tolerance == 0)
        entry.metrics["wallPerCal"]?.tolerance = 0
        try BaselineStore.write(BaselineFile(configuration: "release", benchmarks: ["cpu.threads": entry]), to: path)
        #expect {
            try BaselineStore.read(path)
        } throws: { error in
            String(describing: error).contains("wallPerCal.tolerance: tolerance must be in (0, 1)")
        }
    }

    @Test("truncated JSON names the file and says it is not valid JSON")
    func truncatedFile() throws {
        let path = try writeSample()
        let data = try Data(contentsOf: path)
        try data.prefix(data.count / 2).write(to: path)
        #expect {
            try BaselineStore.read(path.path)
        } throws: { error in
            String(describing: error).contains(path.path) && String(describing: error).contains("not valid JSON")
        }
    }
}
