import Foundation
import Gate
import Runners
import Workloads

/// The seed article's Python, measured in the same run on the same sizes and
/// the same server (`scripts/article.py`, standard library only), so Swift and
/// Python stand side by side with figures from this machine, now.
struct PythonComparison: Codable, Sendable {
    /// `sys.version` of the interpreter that ran.
    var python: String
    /// Model to seconds per round, per job ("cpu", "io").
    var cpu: [String: [Double]]
    var io: [String: [Double]]

    /// Swift's model that does what each Python model does.
    static let counterparts = [
        ("serial", "serial"), ("threads", "threading"), ("processes", "multiprocessing"), ("eventLoop", "asyncio"),
    ]

    /// The script, found from this source file's place in the repository.
    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/article.py")
    }

    /// Runs the script, or says why it could not.
    static func run(_ options: BenchOptions, delayURL: HTTPURL) -> Result<PythonComparison, Unavailable> {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python = path else {
            return .failure(Unavailable(reason: "python3 is not on PATH: Swift alone"))
        }
        guard FileManager.default.fileExists(atPath: script.path) else {
            return .failure(Unavailable(reason: "\(script.path) is missing (bench runs it from its repository): Swift alone"))
        }
        let arguments = [script.path, "--limit", String(options.limit), "--cpu-jobs", String(options.cpuJobs),
                         "--io-jobs", String(options.ioJobs), "--url", delayURL.description,
                         "--rounds", String(options.rounds), "--workload", options.workload == .all ? "all" : options.workload.rawValue,
                         "--timeout", String(options.timeout)]
        // --timeout bounds each of Python's runs as it bounds Swift's: 4 models per job, `rounds` runs each.
        let runs = 4 * options.rounds * (options.workload == .all ? 2 : 1)
        let limit = Duration.seconds(10 + Double(runs) * options.timeout)
        let finished: ChildProcess.Finished
        do {
            finished = try ChildProcess.run(python, arguments: arguments, until: .now + limit,
                                            cancellation: CancellationFlag())
        } catch {
            return .failure(Unavailable(reason: "cannot start \(python): \(error)"))
        }
        if finished.killed {
            return .failure(Unavailable(reason: "the Python run did not finish within \(limit.seconds.secondsText) s "
                + "(\(runs) runs of --timeout \(options.timeout.secondsText) s); killed: Swift alone"))
        }
        guard finished.termination == .exited(0),
              let result = try? JSONDecoder().decode(PythonComparison.self, from: Data(finished.output))
        else {
            let message = String(decoding: finished.errors, as: UTF8.self)
            let tail = message.split(separator: "\n").last.map(String.init) ?? "no message"
            return .failure(Unavailable(reason: "the Python run failed (\(finished.termination)): \(tail)"))
        }
        return .success(result)
    }

    struct Unavailable: Error {
        var reason: String
    }

    /// The side-by-side table: per job and model, both medians and Python over Swift.
    func lines(_ workloads: [WorkloadResult]) -> [String] {
        var table = TextTable(header: ["job", "Swift model", "Swift (s)", "Python model", "Python (s)", "Python / Swift"],
                              rows: [])
        for workload in workloads where workload.workload != "mixed" {  // the seed has no mixed job
            let python = workload.workload == "cpu" ? cpu : io
            for (swiftModel, pythonModel) in Self.counterparts {
                guard let swift = workload.models.first(where: { $0.model == swiftModel && $0.ok }),
                      let times = python[pythonModel], let pythonTime = Statistics.median(times), swift.medianWall > 0
                else { continue }
                table.rows.append([workload.workload, swiftModel, Format.seconds(swift.medianWall), pythonModel,
                                   Format.seconds(pythonTime), Format.ratio(pythonTime / swift.medianWall)])
            }
        }
        return ["Swift and Python side by side, both measured in this run (Python \(python), the seed's code, "
            + "standard library)", table.rendered(), ""]
    }
}
