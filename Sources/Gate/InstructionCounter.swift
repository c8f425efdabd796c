import Foundation

/// Counts the instructions a command executes, children included, with
/// valgrind: `valgrind --tool=cachegrind --cache-sim=no --trace-children=yes`.
///
/// Why: no timing on a shared VM separates "10 % slower" from "a slow
/// minute" every time. A count does not move with the machine: the same
/// binary counts the same to 0.03 % here, and to 0.001 % across VMs with
/// other CPUs. It sees work, not waiting: a lock convoy costs time without
/// instructions, which is what the timed ratios are for.
///
/// Runs one at a time with `--fair-sched=yes`: measured here, OperationQueue's
/// worker threads spin while they wait, and under valgrind's default
/// scheduling one run in four counted 80-125 billion instructions instead of
/// 50 million (minutes long); two runs at once moved its count by up to 8 %.
/// Fair scheduling, one run at a time, repeated to the same count in 9 of 10
/// runs (the tenth +0.75 %). A spinning thread only ever adds instructions,
/// so the gate judges the least count of a batch.
///
/// valgrind is a development tool, not a dependency: without it the count
/// is "not measured", and the report says so.
public struct InstructionCounter: Sendable {
    /// valgrind's path.
    public var valgrind: String

    /// A counter, or why there is none.
    public static func make(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> Result<InstructionCounter, CountError> {
        let found = path.split(separator: ":").map { "\($0)/valgrind" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let found else {
            return .failure(CountError(reason: "valgrind not in PATH (apt-get install valgrind); timed checks only"))
        }
        return .success(InstructionCounter(valgrind: found))
    }

    public struct CountError: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var description: String { reason }
    }

    /// Runs `command` under valgrind `runs` times, one after another, and
    /// returns each run's total over every process it started. A run that
    /// takes longer than `timeout` seconds is killed and reported.
    /// Removes the log directories of gate processes that are gone (killed before their `defer` ran).
    private static func removeOrphanedLogs() {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("kit-valgrind-") {
            guard let pid = Int32(name.dropFirst("kit-valgrind-".count).prefix { $0 != "-" }), pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
        }
    }

    public func counts(_ command: [String], runs: Int, timeout: Double = 60) throws(CountError) -> [Double] {
        var totals: [Double] = []
        for _ in 0..<runs { totals.append(try count(command, timeout: timeout)) }
        return totals
    }

    private func count(_ command: [String], timeout: Double) throws(CountError) -> Double {
        Self.removeOrphanedLogs()
        let logs = FileManager.default.temporaryDirectory
            .appendingPathComponent("kit-valgrind-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: logs) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", "--fair-sched=yes",
                             "--trace-children=yes", "--log-file=\(logs.path)/vg.%p"] + command
        let stderr = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        do {
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
            try process.run()
        } catch {
            throw CountError(reason: "cannot start valgrind: \(error)")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        watchdog.cancel()
        let shown = command.map { ($0 as NSString).lastPathComponent }.joined(separator: " ")
        if process.terminationReason == .uncaughtSignal {
            throw CountError(reason: "valgrind \(shown) ran over \(Int(timeout)) s and was stopped")
        }
        let reports = ((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? [])
            .compactMap { try? String(contentsOfFile: logs.appendingPathComponent($0).path, encoding: .utf8) }
        let counts = reports.compactMap(Self.instructions(inReport:))
        guard process.terminationStatus == 0, !counts.isEmpty, counts.count == reports.count else {
            let tail = (message + (reports.first ?? "")).split(separator: "\n").suffix(4).joined(separator: "\n")
            throw CountError(reason: "valgrind \(shown) exited with \(process.terminationStatus): \(tail)")
        }
        return counts.reduce(0, +)
    }

    /// `==123== I   refs:      1,234,567` -> 1234567.
    public static func instructions(inReport report: String) -> Double? {
        for line in report.split(separator: "\n") {
            guard let range = line.range(of: "I   refs:") ?? line.range(of: "I refs:") else { continue }
            return Double(String(line[range.upperBound...].filter(\.isNumber)))
        }
        return nil
    }
}
