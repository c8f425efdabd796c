import Gate

/// One row per model per workload, raw numbers in seconds, for spreadsheets.
enum CSVReport {
    static let header = [
        "workload", "model", "anti_pattern", "median_s", "spread", "rounds", "total_s",
        "speedup", "vs_ideal", "cpu_s", "cpu_ms_per_job", "allocations_per_job", "vs_baseline", "ok", "check",
    ]

    static func render(_ result: ExperimentResult) -> String {
        var lines = [header.joined(separator: ",")]
        for workload in result.workloads {
            let jobs = result.parameters.jobs(workload.workload)
            for (model, row) in zip(workload.models, ModelRow.rows(of: workload, jobs: jobs).rows) {
                let cells = [
                    workload.workload, model.model,
                    String(row.antiPattern), number(row.time), number(row.spread), String(row.rounds),
                    number(row.total), row.speedup.map(number) ?? "", row.efficiency.map(number) ?? "",
                    number(row.cpu), number(row.cpuPerJob * 1000),
                    row.allocationsPerJob.map(number) ?? "", row.baselineChange.map(number) ?? "",
                    String(row.ok), model.check,
                ]
                lines.append(cells.map(quoted).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Six decimal places (microseconds) is far below the timing noise.
    private static func number(_ value: Double) -> String {
        Format.fixed(value, digits: 6)
    }

    /// RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled.
    private static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }
}
