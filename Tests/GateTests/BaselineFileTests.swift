import Foundation
import Testing
@testable import Gate

@Suite("Baseline files")
struct BaselineFileTests {
    let gate: Gate

    init() throws {
        gate = try Gate(directory: try makeTemporaryDirectory(), profile: testProfile(), policy: GatePolicy())
    }

    func text() throws -> String {
        try String(contentsOf: gate.baselineFile, encoding: .utf8)
    }

    @Test func roundTripIsExactAndDiffFriendly() throws {
        var rng = SplitMix64(seed: 10)
        let summary = try gate.record(cpuThreads, parameters: standardParameters,
                                      batches: batches(&rng, wall: 0.0216, speedup: 1.9, cv: 0.01))
        #expect(summary.isNew && summary.description.contains("wall"))
        let bytes = try #require(try BaselineStore.readBytes(gate.baselineFile.path))
        let decoded = try BaselineFile.decode(bytes, file: "x")
        #expect(try BaselineStore.encode(decoded) == bytes, "re-encoding must reproduce the file byte for byte")
        #expect(decoded.schemaVersion == 1 && decoded.host == testProfile())
        let wall = try #require(decoded.benchmarks["cpu.threads"]?.metrics["wall"])
        #expect(wall.samples.count == 30 && wall.noiseFloor > 0 && wall.tolerance == .time)

        let content = try text()
        let order = ["\"benchmarks\"", "\"host\"", "\"schemaVersion\" : 1"].compactMap { content.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "keys sorted")
        #expect(content.contains("\n  ") && content.hasSuffix("}\n"), "pretty-printed, newline at end")
        // Six significant digits: no long binary tails such as 0.021600000000000001.
        #expect(!content.contains(/[1-9][0-9]{7,}/))
    }

    @Test func reRecordKeepsEditedTolerancesAndOtherBenchmarks() throws {
        var rng = SplitMix64(seed: 11)
        _ = try gate.record(cpuThreads, parameters: standardParameters, batches: batches(&rng, wall: 0.0216, speedup: 1.9, cv: 0.01))
        _ = try gate.record(cpuSerial, parameters: standardParameters, batches: batches(&rng, wall: 0.043, speedup: 1, cv: 0.01))

        // A reviewer loosens one tolerance by hand.
        var file = try #require(try BaselineStore.read(gate.baselineFile.path))
        file.benchmarks["cpu.threads"]?.metrics["wall"]?.tolerance = Tolerance(relative: 0.2, absolute: 0.001)
        try BaselineStore.write(file, to: gate.baselineFile.path)

        let summary = try gate.record(cpuThreads, parameters: standardParameters,
                                      batches: batches(&rng, wall: 0.0238, speedup: 1.9, cv: 0.01))
        let reread = try #require(try BaselineStore.read(gate.baselineFile.path))
        #expect(reread.benchmarks["cpu.threads"]?.metrics["wall"]?.tolerance == Tolerance(relative: 0.2, absolute: 0.001))
        #expect(reread.benchmarks["cpu.serial"] == file.benchmarks["cpu.serial"])
        #expect(!summary.isNew)
        let wallChange = try #require(summary.changes.first { $0.metric == "wall" }?.change)
        #expect(abs(wallChange - 0.10) < 0.02)
        #expect(summary.description.contains("+"))
    }

    @Test func fewBatchesAreRecordedWithAWarning() throws {
        var rng = SplitMix64(seed: 12)
        let summary = try gate.record(cpuThreads, parameters: standardParameters,
                                      batches: batches(&rng, wall: 0.0216, speedup: 1.9, cv: 0.01, count: 1))
        #expect(summary.notes.contains { $0.contains("only 1 batch") })
    }

    @Test func invalidSamplesAreRefusedBeforeWriting() throws {
        let error = try #require(throws: BaselineError.self) {
            try gate.record(cpuThreads, parameters: [:], batches: [SampleSet([.wall: [0.02, -.infinity]])])
        }
        #expect(error.description.contains("metrics.wall.samples"))
        #expect(!FileManager.default.fileExists(atPath: gate.baselineFile.path))
    }

    @Test func concurrentRecordsKeepEveryEntry() throws {
        // Eight recorders at once, each with its own Gate value (as separate
        // processes would be): the directory lock serializes read-modify-write.
        let ids = (0..<8).map { BenchmarkID(job: "cpu", model: "model\($0)") }
        let gateCopy = gate
        DispatchQueue.concurrentPerform(iterations: ids.count) { index in
            var rng = SplitMix64(seed: UInt64(index))
            _ = try? gateCopy.record(ids[index], parameters: [:], batches: batches(&rng, wall: 0.02, speedup: 1.9, cv: 0.01))
        }
        let file = try #require(try BaselineStore.read(gate.baselineFile.path))
        #expect(Set(file.benchmarks.keys) == Set(ids.map(\.description)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: gate.directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary or lock files left behind")
    }
}
