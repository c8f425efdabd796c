import Foundation
import Testing
@testable import Gate

/// A valid baseline, written by hand so each corruption below is one visible edit.
let validBaselineText = """
{
  "schemaVersion": 1,
  "host": {"os": "Linux Test 1", "arch": "x86_64", "cpuModel": "Test CPU", "cores": 2,
           "swiftVersion": "6.3", "configuration": "release"},
  "benchmarks": {
    "cpu.threads": {
      "parameters": {"jobs": "2", "limit": "300000"},
      "metrics": {
        "wall": {"unit": "s", "direction": "smallerIsBetter", "hostIndependent": false,
                 "median": 0.0214, "mad": 0.0001, "noiseFloor": 0.01,
                 "samples": [0.0213, 0.0214, 0.0215, 0.0214, 0.0216],
                 "tolerance": {"relative": 0.05, "absolute": 0.0005}}
      }
    }
  }
}
"""

/// One way a baseline file can be broken, and where the error must point.
struct Corruption: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    /// The key path the error must name, if the damage has one.
    var keyPath: String?

    var testDescription: String { name }

    static func edit(_ name: String, _ old: String, _ new: String, keyPath: String?) -> Corruption {
        Corruption(name: name, bytes: Array(validBaselineText.replacingOccurrences(of: old, with: new).utf8), keyPath: keyPath)
    }

    static let wall = "benchmarks.\"cpu.threads\".metrics.wall"

    static let all: [Corruption] = {
        var rng = SplitMix64(seed: 7)
        let valid = Array(validBaselineText.utf8)
        return [
            Corruption(name: "empty file", bytes: [], keyPath: nil),
            Corruption(name: "truncated", bytes: Array(valid.prefix(valid.count / 2)), keyPath: nil),
            Corruption(name: "truncated by one byte", bytes: Array(valid.dropLast()), keyPath: nil),
            Corruption(name: "random bytes", bytes: (0..<512).map { _ in UInt8.random(in: 0...255, using: &rng) }, keyPath: nil),
            Corruption(name: "invalid UTF-8 in a string", bytes: Array("{\"schemaVersion\": 1, \"host\": \"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8), keyPath: nil),
            Corruption(name: "deep nesting", bytes: Array(String(repeating: "[", count: 100_000).utf8), keyPath: nil),
            Corruption(name: "top level array", bytes: Array("[]".utf8), keyPath: "(top level)"),
            .edit("wrong schema version", "\"schemaVersion\": 1", "\"schemaVersion\": 2", keyPath: "schemaVersion"),
            .edit("schema version as string", "\"schemaVersion\": 1", "\"schemaVersion\": \"1\"", keyPath: "schemaVersion"),
            .edit("missing key", "\"median\": 0.0214, ", "", keyPath: wall + ".median"),
            .edit("fractional integer", "\"cores\": 2,", "\"cores\": 2.5,", keyPath: "host.cores"),
            .edit("unknown key", "\"tolerance\":", "\"tolerence\":", keyPath: wall + ".tolerence"),
            .edit("wrong type string", "\"median\": 0.0214", "\"median\": \"0.0214\"", keyPath: wall + ".median"),
            .edit("wrong type null", "\"median\": 0.0214", "\"median\": null", keyPath: wall + ".median"),
            .edit("wrong type object", "[0.0213, 0.0214, 0.0215, 0.0214, 0.0216]", "{\"a\": 1}", keyPath: wall + ".samples"),
            .edit("negative", "\"median\": 0.0214", "\"median\": -1", keyPath: wall + ".median"),
            .edit("negative sample", "[0.0213, 0.0214", "[0.0213, -0.0214", keyPath: wall + ".samples[1]"),
            .edit("huge overflowing number", "\"median\": 0.0214", "\"median\": 1e400", keyPath: wall + ".median"),
            .edit("huge finite number", "\"mad\": 0.0001", "\"mad\": 1e300", keyPath: wall + ".mad"),
            .edit("NaN literal", "\"median\": 0.0214", "\"median\": NaN", keyPath: nil),
            .edit("Infinity literal", "\"noiseFloor\": 0.01", "\"noiseFloor\": Infinity", keyPath: nil),
            .edit("bad direction", "smallerIsBetter", "faster", keyPath: wall + ".direction"),
            .edit("bad tolerance", "\"relative\": 0.05", "\"relative\": true", keyPath: wall + ".tolerance.relative"),
            .edit("duplicate key", "\"median\": 0.0214,", "\"median\": 0.0214, \"median\": 0.03,", keyPath: wall + ".median"),
            .edit("duplicate benchmark", "\"benchmarks\": {", "\"benchmarks\": {\"cpu.threads\": {},", keyPath: "benchmarks.\"cpu.threads\""),
            .edit("trailing comma", "\"absolute\": 0.0005}", "\"absolute\": 0.0005,}", keyPath: nil),
            Corruption(name: "trailing garbage", bytes: valid + Array("}".utf8), keyPath: nil),
        ]
    }()
}

@Suite("Corrupted baselines")
struct BaselineCorruptionTests {
    @Test func validTemplateIsAccepted() throws {
        let file = try BaselineFile.decode(Array(validBaselineText.utf8), file: "x.json")
        #expect(file.benchmarks["cpu.threads"]?.metrics["wall"]?.median == 0.0214)
    }

    @Test(arguments: Corruption.all)
    func corruptionIsAClearErrorAndRecordLeavesFileUntouched(_ corruption: Corruption) throws {
        let gate = try Gate(directory: try makeTemporaryDirectory(), profile: testProfile(), policy: GatePolicy())
        let path = gate.baselineFile.path
        try Data(corruption.bytes).write(to: gate.baselineFile)

        let checkError = try #require(throws: BaselineError.self) {
            try gate.evaluate(cpuThreads, parameters: standardParameters, samples: SampleSet([.wall: [0.02]]))
        }
        #expect(checkError.description.hasPrefix(path), "\(checkError)")
        #expect(checkError.description.contains("make rebaseline"), "\(checkError)")
        if let keyPath = corruption.keyPath {
            #expect(checkError.keyPath == keyPath, "\(checkError)")
        }

        let recordError = try #require(throws: BaselineError.self) {
            try gate.record(cpuThreads, parameters: standardParameters, batches: [SampleSet([.wall: [0.02, 0.021]])])
        }
        #expect(recordError.description.hasPrefix(path))
        #expect(try Data(contentsOf: gate.baselineFile) == Data(corruption.bytes), "a failed record must not touch the file")
    }

    @Test func errorMessageReadsWell() throws {
        let bytes = Array(validBaselineText.replacingOccurrences(of: "\"median\": 0.0214", with: "\"median\": -1").utf8)
        let error = try #require(throws: BaselineError.self) { try BaselineFile.decode(bytes, file: "baselines/x.json") }
        #expect(error.description == "baselines/x.json: benchmarks.\"cpu.threads\".metrics.wall.median: "
            + "expected a non-negative finite number, found -1. Fix the file (see `git diff`), or re-record it with `make rebaseline`.")
    }

    @Test func directoryInPlaceOfFile() throws {
        let gate = try Gate(directory: try makeTemporaryDirectory(), profile: testProfile(), policy: GatePolicy())
        try FileManager.default.createDirectory(at: gate.baselineFile, withIntermediateDirectories: false)
        let error = try #require(throws: BaselineError.self) {
            try gate.evaluate(cpuThreads, parameters: [:], samples: SampleSet([.wall: [0.02]]))
        }
        #expect(error.kind == .unreadable && error.description.contains(gate.baselineFile.path))
        #expect(throws: BaselineError.self) {
            try gate.record(cpuThreads, parameters: [:], batches: [SampleSet([.wall: [0.02]])])
        }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: gate.baselineFile.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    @Test func writeFailureLeavesOldFileByteIdentical() throws {
        // Works as root too: renaming a file over a non-empty directory fails for everyone.
        let gate = try Gate(directory: try makeTemporaryDirectory(), profile: testProfile(), policy: GatePolicy())
        let blocked = gate.baselineFile.path
        try FileManager.default.createDirectory(atPath: blocked + "/inner", withIntermediateDirectories: true)
        #expect(throws: BaselineError.self) {
            try BaselineStore.write(BaselineFile(host: testProfile()), to: blocked)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: gate.directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "the temporary file is removed")
    }

    /// Root ignores permission bits; probe instead of assuming.
    static let permissionsEnforced: Bool = {
        guard let directory = try? makeTemporaryDirectory() else { return false }
        let probe = directory.appendingPathComponent("probe")
        _ = FileManager.default.createFile(atPath: probe.path, contents: Data("x".utf8))
        chmod(probe.path, 0)
        chmod(directory.path, 0o555)
        defer { chmod(directory.path, 0o755) }
        let canRead = FileManager.default.isReadableFile(atPath: probe.path) && (try? Data(contentsOf: probe)) != nil
        let canWrite = FileManager.default.createFile(atPath: directory.appendingPathComponent("w").path, contents: nil)
        return !canRead && !canWrite
    }()

    @Test(.enabled(if: permissionsEnforced, "running as root: permission bits do not stop root, so this cannot be tested here"))
    func unreadableFileAndReadOnlyDirectory() throws {
        let gate = try Gate(directory: try makeTemporaryDirectory(), profile: testProfile(), policy: GatePolicy())
        var rng = SplitMix64(seed: 1)
        _ = try gate.record(cpuThreads, parameters: [:], batches: batches(&rng, wall: 0.02, speedup: 1.9, cv: 0.01))
        let original = try Data(contentsOf: gate.baselineFile)

        chmod(gate.directory.path, 0o555)
        defer { chmod(gate.directory.path, 0o755) }
        let writeError = try #require(throws: BaselineError.self) {
            try gate.record(cpuThreads, parameters: [:], batches: batches(&rng, wall: 0.03, speedup: 1.9, cv: 0.01))
        }
        #expect(writeError.kind == .unwritable && writeError.description.contains(gate.baselineFile.path))
        #expect(try Data(contentsOf: gate.baselineFile) == original)

        chmod(gate.baselineFile.path, 0)
        let readError = try #require(throws: BaselineError.self) { try gate.baseline(for: cpuThreads) }
        #expect(readError.kind == .unreadable && readError.description.contains("ermission denied"))
    }
}
