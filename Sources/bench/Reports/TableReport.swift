import Gate

/// The report a person reads in a terminal: one table per workload, then the guide.
enum TableReport {
    static func render(_ result: ExperimentResult) -> String {
        let document = ReportDocument(result)
        var lines = document.preamble + [""]
        if !document.notes.isEmpty { lines += document.notes + [""] }
        for section in document.sections {
            lines.append(section.title)
            if let ideal = section.ideal { lines.append(ideal) }
            lines.append(TextTable(header: section.header, rows: section.rows).rendered())
            lines += section.notes.map { "  * " + $0 }
            lines.append("")
        }
        if let python = result.python {
            lines += python.lines(result.workloads)
        } else if let note = result.pythonNote {
            lines += [note, ""]
        }
        lines.append("Decision guide (from the numbers above)")
        lines += document.guide.findings.map { "  - " + $0 }
        if !document.guide.advice.isEmpty {
            lines += ["", "What to use"]
            lines += document.guide.advice.map { "  - " + $0 }
        }
        // At most 120 columns: long findings and notes wrap, indented under their first line.
        return lines.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapped(String($0)) }.joined(separator: "\n") + "\n"
    }
}
