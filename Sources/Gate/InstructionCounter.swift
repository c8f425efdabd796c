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

    /// Runs `command` under valgrind `runs` times at once (a count does not
    /// depend on what else runs) and returns each run's total over every
    /// process it started.
    public func counts(_ command: [String], runs: Int) throws(CountError) -> [Double] {
        var started: [(process: Process, logs: URL, stderr: Pipe)] = []
        defer { for run in started { try? FileManager.default.removeItem(at: run.logs) } }
        for _ in 0..<runs {
            let logs = FileManager.default.temporaryDirectory.appendingPathComponent("kit-valgrind-\(UUID().uuidString)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: valgrind)
            process.arguments = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
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
            started.append((process, logs, stderr))
        }
        var totals: [Double] = []
        for run in started {
            let message = String(decoding: run.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            run.process.waitUntilExit()
            let reports = ((try? FileManager.default.contentsOfDirectory(atPath: run.logs.path)) ?? [])
                .compactMap { try? String(contentsOfFile: run.logs.appendingPathComponent($0).path, encoding: .utf8) }
            let counts = reports.compactMap(Self.instructions(inReport:))
            guard run.process.terminationStatus == 0, !counts.isEmpty, counts.count == reports.count else {
                let tail = (message + (reports.first ?? "")).split(separator: "\n").suffix(4).joined(separator: "\n")
                throw CountError(reason: "valgrind \(command.joined(separator: " ")) exited with "
                    + "\(run.process.terminationStatus): \(tail)")
            }
            totals.append(counts.reduce(0, +))
        }
        return totals
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
