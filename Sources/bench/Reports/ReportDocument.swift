import Gate

/// The content of the human-readable reports, independent of their markup:
/// the text table and Markdown renderers both read it, so they cannot drift.
struct ReportDocument {
    /// One table per job.
    struct Section {
        var title: String
        /// What the ideal is and where it comes from.
        var ideal: String?
        var header: [String]
        var rows: [[String]]
        /// Footnotes under the table (why "vs baseline" is empty, ...).
        var notes: [String]
    }

    /// The host line and, for a debug build, its warning.
    var preamble: [String]
    /// The `--article` note.
    var notes: [String]
    var sections: [Section]
    var guide: DecisionGuide

    init(_ result: ExperimentResult) {
        preamble = [result.partial.map { "PARTIAL RESULTS: " + $0 }, "Host: \(result.host.description)",
                    result.host.debugWarning].compactMap { $0 }
        notes = ArticleNote.lines(result)
        guide = DecisionGuide(result)
        sections = result.workloads.map { workload in
            let io = workload.workload == "io"
            let columns = ModelColumn.columns(io: io, article: result.parameters.article,
                                               allocations: result.parameters.allocations)
            let jobs = result.parameters.jobs(workload.workload)
            let (rows, footnotes) = ModelRow.rows(of: workload, jobs: jobs)
            let parallel = max(1, min(result.host.cores, jobs))
            // The rounds run, not asked for: --budget stops a model early (--budget 0: one round).
            let counts = Set(workload.models.map(\.samples.count).filter { $0 > 0 })
            let low = counts.min() ?? result.parameters.rounds, high = counts.max() ?? result.parameters.rounds
            let rounds = low == high ? (low == 1 ? "1 round" : "\(low) rounds") : "\(low) to \(high) rounds"
            let why = switch workload.workload {
            case "io": "one delay: every request overlapping"
            case "cpu": "serial time / \(parallel), the jobs that can run at once on \(result.host.cores) cores"
            default: "one delay, then every job's computing (serial time / K - delay) spread over \(parallel) cores"
            }
            let ideal = workload.ideal.map { "ideal: \(Format.seconds($0)) s (\(why))" }
            return Section(
                title: workload.title + "; each time the median of \(rounds)", ideal: ideal, header: columns.map(\.header),
                rows: rows.map { row in columns.map { $0.cell(row) } },
                notes: footnotes.map { wrapped($0, width: 116) } + [workload.baselineNote].compactMap { $0 })
        }
    }
}
