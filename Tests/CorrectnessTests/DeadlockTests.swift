import Foundation
import Glibc
@testable import Runners
import Testing
@testable import bench

/// `bench deadlock`: every hazard deadlocks for real in a child process and is
/// named from its own bookkeeping; every fix completes with the exact result;
/// nothing is left behind. Under ThreadSanitizer (CI) the fixes are checked for races too.
@Suite("Deadlocks", .serialized)
struct DeadlockTests {
    /// Detected means the child's watch named a cycle or a stall before its own limit
    /// (``DeadlockWatch/limit``; past it, the ending is `hung`). How long the child took to start is not
    /// asserted: a wall-clock bound belongs to a benchmark; under ThreadSanitizer on a busy CI machine the
    /// lock-order probe, the child's start included, took 2.07 s against a 2 s bound that once stood here.
    @Test("each hazard deadlocks in its child, is detected by its watch and named", arguments: DeadlockPitfall.allCases)
    func hazardDetected(_ pitfall: DeadlockPitfall) {
        let hazard = Deadlocks.probe(pitfall, executable: BenchExecutable.path)
        #expect(hazard.detected, "\(pitfall): \(hazard.ending) after \(hazard.seconds) s: \(hazard.what)")
        // What was stuck comes from the hazard's own records of who holds and waits for what.
        switch pitfall {
        case .lockOrder:
            #expect(hazard.what.contains("holds lock A and waits for lock B"), "\(hazard.what)")
            #expect(hazard.what.contains("holds lock B and waits for lock A"), "\(hazard.what)")
        case .queueSync:
            #expect(hazard.what.contains("holds queue kit.serial and waits for queue kit.serial"), "\(hazard.what)")
        case .poolStarvation:
            #expect(hazard.what.contains("wait for the semaphore"), "\(hazard.what)")
            #expect(hazard.what.contains("never started") && hazard.what.contains("signaller"), "\(hazard.what)")
        }
        #expect(Self.hazardChildren().isEmpty, "children left: \(Self.hazardChildren())")
    }

    @Test("each fix completes with the exact result", arguments: DeadlockFix.allCases)
    func fixIsExact(_ fix: DeadlockFix) throws {
        let outcome = try fix.run()
        #expect(outcome.exact, "\(fix): \(outcome.result)")
        #expect(outcome.seconds > 0)
    }

    @Test("a hazard that completes is reported as completed, not as a deadlock")
    func watchSaysCompleted() {
        // A party that waits and then finishes is no deadlock: the watch's rules on a real graph.
        let graph = WaitGraph()
        graph.expect(["task 1", "signaller"])
        graph.waits("task 1", for: "the semaphore")
        #expect(graph.cycle() == nil)
        #expect(graph.stall() == "task 1 waits for the semaphore; never started: signaller")
        graph.runs("signaller")
        #expect(graph.stall() == nil)
        graph.finished("task 1")
        graph.finished("signaller")
        #expect(graph.stall() == nil && graph.cycle() == nil)
    }

    @Test("a cycle of holds and waits is named; a wait for a free resource is not a cycle")
    func cycleNamed() {
        let graph = WaitGraph()
        graph.holds("thread 1", "lock A")
        graph.waits("thread 1", for: "lock B")
        #expect(graph.cycle() == nil)
        graph.holds("thread 2", "lock B")
        graph.waits("thread 2", for: "lock A")
        #expect(graph.cycle() == "thread 1 holds lock A and waits for lock B, held by thread 2; "
            + "thread 2 holds lock B and waits for lock A, held by thread 1")
        graph.releases("thread 2", "lock B")
        #expect(graph.cycle() == nil)
    }

    @Test("bench deadlock leaves no child process, thread or pipe behind")
    func nothingLeft() async throws {
        let pipesBefore = Set(ResourceLeakTests.openFDTargets().filter { $0.hasPrefix("pipe:") })
        for pitfall in DeadlockPitfall.allCases {
            _ = Deadlocks.probe(pitfall, executable: BenchExecutable.path)
            for fix in pitfall.fixes { _ = Deadlocks.check(fix) }
        }
        #expect(Self.hazardChildren().isEmpty, "children left: \(Self.hazardChildren())")
        #expect(Self.threads(named: "kit-deadlock").isEmpty, "threads left: \(Self.threads(named: "kit-deadlock"))")
        // Other suites open pipes of their own meanwhile: wait for those to close, ours must be closed already.
        var left = Set(ResourceLeakTests.openFDTargets().filter { $0.hasPrefix("pipe:") }).subtracting(pipesBefore)
        for _ in 0..<50 where !left.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            left = Set(ResourceLeakTests.openFDTargets().filter { $0.hasPrefix("pipe:") }).subtracting(pipesBefore)
        }
        #expect(left.isEmpty, "pipes still open: \(left)")
    }

    @Test("bench deadlock end to end: a table within 120 columns, JSON that decodes, exit 0")
    func endToEnd() async throws {
        let table = try await BenchExecutable.run(["deadlock", "-q"])
        #expect(table.status == 0, "\(table.stdout)\n\(table.stderr)")
        #expect(table.stdout.split(separator: "\n").allSatisfy { $0.count <= 120 }, "\(table.stdout)")
        for pitfall in DeadlockPitfall.allCases {
            #expect(table.stdout.contains(pitfall.rawValue))
        }
        let json = try await BenchExecutable.run(["deadlock", "-q", "--format", "json"])
        let report = try JSONDecoder().decode(Deadlocks.Report.self, from: Data(json.stdout.utf8))
        #expect(report.ok && report.pitfalls.count == DeadlockPitfall.allCases.count)
        let markdown = try await BenchExecutable.run(["deadlock", "-q", "--format", "markdown"])
        #expect(markdown.stdout.contains("| pitfall | run | outcome | after | result |"))
    }

    /// Live `bench deadlock-hazard` processes whose parent is this process.
    static func hazardChildren() -> [Int32] {
        let me = getpid()
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  String(decoding: cmdline, as: UTF8.self).contains("deadlock-hazard") else { return nil }
            // Field 4 of /proc/PID/stat, after the parenthesised name, is the parent's pid.
            let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
            return Int32(fields[1]) == me ? pid : nil
        }
    }

    /// This process's threads whose name starts with `prefix`.
    static func threads(named prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap { task in
            let name = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
            return name.hasPrefix(prefix) ? name.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        }
    }
}
