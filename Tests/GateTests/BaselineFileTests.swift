import Foundation
import Synchronization
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

    /// The remedy is one that works: `make rebaseline` replaces a file of another format, but refuses
    /// a broken one (it would lose the other entries), so that is restored from git.
    @Test(arguments: [
        ("\"format\" : 4", "\"format\" : 3", "format 3 is not supported", "make rebaseline"),
        ("\"wallPerCal\"", "\"wall\"", "not a judged metric", "git checkout -- "),
        ("\"tolerance\" : 0.05", "\"tolerance\" : \"x\"", "tolerance", "git checkout -- "),
        ("\"samples\" : [", "\"samples\" : [], \"x\": [", "samples", "git checkout -- "),
        ("\"samples\" : [", "\"samples\" : [0, ", "samples: expected at least one positive finite number", "git checkout -- "),
        ("\"configuration\"", "\"config\"", "configuration: missing", "git checkout -- "),
    ])
    func badFilesNameFileKeyAndRemedy(original: String, replacement: String, expected: String, remedy: String) throws {
        let path = try writeSample()
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: replacement).write(to: path, atomically: true, encoding: .utf8)
        #expect {
            try BaselineStore.read(path.path)
        } throws: { error in
            let message = String(describing: error)
            return message.contains(path.path) && message.contains(expected) && message.contains(remedy)
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

    @Test("a write leaves only the file: a partial one a killed writer left is replaced, and git ignores that name")
    func writeLeavesNothingBehind() throws {
        let directory = try temporaryDirectory()
        try "half a file".write(to: directory.appendingPathComponent(".release.json.partial"), atomically: false,
                                encoding: .utf8)
        let path = directory.appendingPathComponent("release.json").path
        try BaselineStore.write(BaselineFile(configuration: "release", benchmarks: [:]), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["release.json"])
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let ignored = try String(contentsOf: repository.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored.split(separator: "\n").contains("baselines/.*.partial"))
    }

    @Test("a write replaces only a regular file; a FIFO or a link at the partial name neither blocks nor redirects it")
    func writeSideSpecialFiles() throws {
        let directory = try temporaryDirectory()
        let empty = BaselineFile(configuration: "release", benchmarks: [:])
        let target = directory.appendingPathComponent("target").path
        try "keep me".write(toFile: target, atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target")
        let fifo = directory.appendingPathComponent("fifo.json").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for (path, word) in [(link, "symbolic link"), (fifo, "FIFO")] {
            #expect {
                try BaselineStore.write(empty, to: path)
            } throws: { error in
                String(describing: error).contains(path) && String(describing: error).contains(word)
            }
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        // Left at the partial name by someone else: a FIFO (open would block) and a link (a write would follow it).
        #expect(mkfifo(directory.appendingPathComponent(".a.json.partial").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent(".b.json.partial").path,
                                                   withDestinationPath: "target")
        for name in ["a.json", "b.json"] {
            let path = directory.appendingPathComponent(name).path
            try BaselineStore.write(empty, to: path)
            #expect(try BaselineStore.read(path)?.configuration == "release")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("." + name + ".partial").path))
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test("truncated JSON names the file and says it is not valid JSON")
    func truncatedFile() throws {
        let path = try writeSample()
        let data = try Data(contentsOf: path)
        try data.prefix(data.count / 2).write(to: path)
        #expect {
            try BaselineStore.read(path.path)
        } throws: { error in
            let message = String(describing: error)
            return message.contains(path.path) && message.contains("not valid JSON")
                && message.contains("git checkout -- \(path.path)") && !message.contains("make rebaseline")
        }
    }

    @Test("a recording that waits for another's lock on the directory says so, then goes on when it is released")
    func lockWaitIsSaid() async throws {
        let directory = try temporaryDirectory().path
        let holder = open(directory, O_RDONLY | O_DIRECTORY)
        #expect(flock(holder, LOCK_EX) == 0)
        let said = LockMessages()
        let waiter = Task.detached {
            try DirectoryLock.withLock(directory, onWait: { said.append($0) }) { "locked" }
        }
        for _ in 0..<100 where said.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(said.all.first?.contains("waiting for the lock on \(directory)") == true, "\(said.all)")
        close(holder)
        #expect(try await waiter.value == "locked")
    }
}

private final class LockMessages: Sendable {
    private let messages = Mutex<[String]>([])
    var all: [String] { messages.withLock { $0 } }
    func append(_ message: String) { messages.withLock { $0.append(message) } }
}
