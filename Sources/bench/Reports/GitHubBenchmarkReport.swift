import Gate
import Foundation

/// github-action-benchmark's `customSmallerIsBetter` input: one entry per
/// model per workload, its median wall time.
///
///     [{"extra": "5 rounds, spread ±1%, ...", "name": "cpu/threads wall", "unit": "s", "value": 0.292}]
enum GitHubBenchmarkReport {
    struct Entry: Codable {
        var name: String
        var unit: String
        var value: Double
        var extra: String
    }

    static func entries(_ result: ExperimentResult) -> [Entry] {
        result.workloads.flatMap { workload in
            let jobs = result.parameters.jobs(workload.workload)
            return zip(workload.models, ModelRow.rows(of: workload, jobs: jobs).rows).map { model, row in
                let extra = [
                    "\(row.rounds) rounds", "spread ±\(Format.percent(row.spread, digits: 0))",
                    row.speedup.map { "speedup \(Format.ratio($0))" }, "CPU \(Format.seconds(row.cpu)) s",
                    row.check, "host \(result.host.cpu.name), \(result.host.cores) cores",
                ].compactMap { $0 }.joined(separator: ", ")
                return Entry(name: "\(workload.workload)/\(model.model) wall", unit: "s", value: row.time, extra: extra)
            }
        }
    }

    static func render(_ result: ExperimentResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries(result)), as: UTF8.self) + "\n"
    }
}
