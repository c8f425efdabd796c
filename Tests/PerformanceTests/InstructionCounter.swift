import Foundation
import Runners
import Workloads

/// Counts the instructions one CPU job executes, with valgrind, in a child
/// process: `valgrind --tool=cachegrind --cache-sim=no bench-worker primes N X`.
///
/// Why: on a shared VM no timing separates "10 % slower" from "a slow
/// minute" every time (measured here: calibrated batch centres still move
/// 2-6 %). An instruction count does not move at all with the machine, so a
/// 10 % slowdown of the job reads as +10 % every run, and unchanged code as
/// +0.00 %. It sees work, not speed: a lock convoy or a cache miss storm
/// costs time without instructions, which is what the timed metrics are for.
///
/// Valgrind is a development tool, not a package dependency; without it the
/// metric is simply not measured and the gate's report says so.
struct InstructionCounter {
    var valgrind: String
    var worker: WorkerExecutable

    /// A counter, or the reason there is none (printed with the gate's report).
    static func make() -> Result<InstructionCounter, Unavailable> {
        guard let valgrind = executableInPath("valgrind") else {
            return .failure(Unavailable(reason: "valgrind not found in PATH "
                + "(apt-get install valgrind, or brew install valgrind): instruction count not measured, timing checks only"))
        }
        return .success(InstructionCounter(valgrind: valgrind, worker: .default))
    }

    struct Unavailable: Error {
        var reason: String
    }

    /// Runs `job` under cachegrind `runs` times, all at once (the counts do
    /// not depend on what else runs; valgrind's own start-up, ~0.8 s each,
    /// is most of the time), and returns their instruction counts: the
    /// worker's whole life, start-up included (constant).
    func counts(_ job: PrimeJob, runs: Int) throws -> [Double] {
        let children = try (0..<runs).map { _ in try launch(job) }
        return try children.map(finish)
    }

    private struct Child {
        var process: Process
        var stdout: Pipe
        var stderr: Pipe
    }

    private func launch(_ job: PrimeJob) throws -> Child {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", worker.path]
            + WorkerCommand.primes(job).arguments
        let child = Child(process: process, stdout: Pipe(), stderr: Pipe())
        process.standardOutput = child.stdout
        process.standardError = child.stderr
        try process.run()
        return child
    }

    private func finish(_ child: Child) throws -> Double {
        // Both outputs are a few hundred bytes: no pipe fills while another is read.
        let report = String(decoding: child.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let answer = String(decoding: child.stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.process.waitUntilExit()
        guard child.process.terminationStatus == 0, case .primeCount = WorkerCommand.result(from: answer) else {
            throw CountError(reason: "valgrind \(worker.path) exited with \(child.process.terminationStatus): "
                + report.split(separator: "\n").suffix(5).joined(separator: "\n"))
        }
        guard let count = Self.instructions(inCachegrindReport: report) else {
            throw CountError(reason: "no \"I refs\" line in valgrind's report:\n" + report)
        }
        return count
    }

    struct CountError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// `==123== I   refs:      1,234,567` -> 1234567.
    static func instructions(inCachegrindReport report: String) -> Double? {
        for line in report.split(separator: "\n") {
            guard let range = line.range(of: "I   refs:") ?? line.range(of: "I refs:") else { continue }
            let digits = line[range.upperBound...].filter(\.isNumber)
            return Double(String(digits))
        }
        return nil
    }

    private static func executableInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
