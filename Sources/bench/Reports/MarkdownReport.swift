/// GitHub-flavoured Markdown: the job summary of a CI run, or a pull request comment.
enum MarkdownReport {
    static func render(_ result: ExperimentResult) -> String {
        let document = ReportDocument(result)
        var lines = ["## Concurrency benchmark", ""]
        lines += document.preamble.map { escape($0) + "  " } + [""]
        if !document.notes.isEmpty { lines += document.notes.map { "> " + escape($0) } + [""] }
        for section in document.sections {
            lines += ["### " + escape(section.title), ""]
            if let ideal = section.ideal { lines += [escape(ideal), ""] }
            lines.append(row(section.header))
            // Words (model, result check) left, numbers right.
            let last = section.header.count - 1
            lines.append(row(section.header.indices.map { $0 == 0 || $0 == last ? ":---" : "---:" }))
            lines += section.rows.map(row)
            lines.append("")
            if !section.notes.isEmpty { lines += section.notes.map { "_" + escape($0) + "_" } + [""] }
        }
        lines += ["### Decision guide", ""] + document.guide.findings.map { "- " + escape($0) }
        if !document.guide.advice.isEmpty {
            lines += ["", "### What to use", ""] + document.guide.advice.map { "- " + escape($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map { escape($0).replacing("|", with: "\\|") }.joined(separator: " | ") + " |"
    }

    /// Keeps `<` from opening HTML. Backticks in notes are meant as code;
    /// underscores inside words (x86_64) do not emphasise on GitHub.
    private static func escape(_ text: String) -> String {
        text.replacing("<", with: "&lt;")
    }
}
