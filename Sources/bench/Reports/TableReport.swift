/// The report a person reads in a terminal: one table per workload, then the guide.
enum TableReport {
    static func render(_ result: ExperimentResult) -> String {
        var lines: [String] = ["Host: \(result.host.description)", ""]
        for workload in result.workloads {
            lines.append(workload.title)
            if let ideal = workload.ideal {
                lines.append("ideal: \(Format.seconds(ideal)) s (" + (workload.workload == "cpu"
                    ? "serial time / \(result.host.cores) cores)" : "one delay: every request overlapping)"))
            }
            let rows = ModelRow.rows(of: workload, cores: result.host.cores)
            lines.append(TextTable(header: ModelRow.header, rows: rows.map(\.cells)).rendered())
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
