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
    /// util-linux's `setpriv`, which starts valgrind with a parent-death signal, so a gate killed mid-count
    /// takes its valgrind with it (the program under valgrind asks for one only once valgrind has started it).
    var setpriv: String?

    /// A counter, or why there is none.
    public static func make(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> Result<InstructionCounter, CountError> {
        let find = { (tool: String) in
            path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let found = find("valgrind") else {
            return .failure(CountError(reason: "valgrind not in PATH (apt-get install valgrind); timed checks only"))
        }
        return .success(InstructionCounter(valgrind: found, setpriv: find("setpriv")))
    }

    public struct CountError: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var description: String { reason }
    }

    /// Runs `command` under valgrind `runs` times, one after another, and
    /// returns each run's total over every process it started. A run that
    /// takes longer than `timeout` seconds is killed and reported.
    public func counts(_ command: [String], runs: Int, timeout: Double = 60) throws(CountError) -> [Double] {
        var totals: [Double] = []
        for _ in 0..<runs { totals.append(try count(command, timeout: timeout)) }
        return totals
    }

    /// Every process valgrind traces sends its report to a loopback socket of ours (`--log-socket`), one
    /// connection each, lines `==pid== ...`: no log files, so a killed gate leaves none behind, and a child
    /// whose stderr is a pipe to its parent (the `processes` model's workers) is counted too; on its stderr,
    /// its report went to that parent and was lost (cpu.processes counted 17.6 M instead of 60.2 M).
    private func count(_ command: [String], timeout: Double) throws(CountError) -> Double {
        let listener: ReportListener
        do { listener = try ReportListener() } catch { throw CountError(reason: "cannot listen for valgrind: \(error)") }
        defer { listener.close() }
        let process = Process()
        let valgrindCommand = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                               "--fair-sched=yes", "--trace-children=yes", "--log-socket=127.0.0.1:\(listener.port)"]
            + command
        let launch = setpriv.map { [$0, "--pdeathsig", "KILL", "--"] + valgrindCommand } ?? valgrindCommand
        process.executableURL = URL(fileURLWithPath: launch[0])
        process.arguments = Array(launch.dropFirst())
        let stderr = Pipe()
        defer { try? stderr.fileHandleForReading.close() }  // `Process` keeps it open (see `Trial`)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw CountError(reason: "cannot start valgrind: \(error)")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        // valgrind writes to stderr only what it could not send (then it says so there).
        let (sent, unsent) = listener.collect(until: stderr.fileHandleForReading.fileDescriptor)
        let message = sent + unsent
        process.waitUntilExit()
        watchdog.cancel()
        let shown = command.map { ($0 as NSString).lastPathComponent }.joined(separator: " ")
        if process.terminationReason == .uncaughtSignal {
            throw CountError(reason: "valgrind \(shown) ran over \(Int(timeout)) s and was stopped")
        }
        let reports = Self.reports(message)
        let counts = reports.values.compactMap(Self.instructions(inReport:))
        guard process.terminationStatus == 0, !counts.isEmpty, counts.count == reports.count else {
            let tail = message.split(separator: "\n").suffix(4).joined(separator: "\n")
            throw CountError(reason: "valgrind \(shown) exited with \(process.terminationStatus): \(tail)")
        }
        return counts.reduce(0, +)
    }

    /// valgrind's lines per traced process: `==123== text` under 123.
    static func reports(_ log: String) -> [Substring: String] {
        var reports: [Substring: String] = [:]
        for line in log.split(separator: "\n") where line.hasPrefix("==") {
            let pid = line.dropFirst(2).prefix { $0.isNumber }
            guard !pid.isEmpty, line.dropFirst(2 + pid.count).hasPrefix("==") else { continue }
            reports[pid, default: ""] += line + "\n"
        }
        return reports
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
