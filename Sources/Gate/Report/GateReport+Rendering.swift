extension GateReport {
    /// An aligned plain-text report: verdict, which checks ran, a table per
    /// metric, notes, and the rebaseline command when the gate fails.
    ///
    ///     gate cpu.threads: PASS (same host, linux-x86_64-...-release)
    ///       checks: wall, speedup vs baselines/linux-....json; ...
    ///       metric   baseline    current     change  limit   p       verdict
    ///       wall     0.02141 s   0.02150 s   +0.42%  5.00%   -       pass
    public func rendered() -> String {
        var lines = ["gate \(id): \(outcome.rawValue.uppercased()) (\(modeText))"]
        lines.append("  checks: \(checksText)")
        if !comparisons.isEmpty {
            var table = TextTable(header: ["metric", "baseline", "current", "change", "limit", "p", "verdict"],
                                  rightAligned: [1, 2, 3, 4, 5])
            for row in comparisons {
                table.rows.append([
                    row.metric,
                    format(row.baselineCentre, unit: row.unit),
                    row.currentCentre.map { format($0, unit: row.unit) } ?? "-",
                    row.change.map(signedPercent) ?? "-",
                    "±" + percent(row.effectiveTolerance),
                    row.pValue.map(format) ?? "-",
                    row.verdict.label,
                ])
            }
            lines.append(table.rendered())
        }
        for row in comparisons where !row.note.isEmpty || row.verdict.severity >= 2 {
            var reason = ""
            if case .inconclusive(let why) = row.verdict { reason = why + (row.note.isEmpty ? "" : ": ") }
            lines.append("  \(row.metric): \(reason)\(row.note)")
        }
        lines += notes.map { "  note: \($0)" }
        if failed {
            lines.append("  If this change is intended, rebaseline: make rebaseline")
        } else if outcome == .improvement {
            lines.append("  Improved: consider `make rebaseline` so the gate stays tight.")
        }
        return lines.joined(separator: "\n")
    }

    private var modeText: String {
        switch mode {
        case .sameHost: "same host, \(profileKey)"
        case .ratiosOnly(let reference): "RATIOS ONLY against \(reference); no baseline for \(profileKey)"
        case .unverified: "UNVERIFIED: no baseline for \(profileKey)"
        }
    }

    private var checksText: String {
        guard !comparisons.isEmpty else { return "none ran" }
        let names = comparisons.map(\.metric).joined(separator: ", ")
        let against = baselineFile.map { " vs \($0)" } ?? ""
        let rule = "compares p20 of times, p80 of ratios; fails when |change| > limit and > absolute tolerance "
            + "and Mann-Whitney p < \(format(policy.alpha))"
        let extras = [policy.ratchet ? "ratchet on" : nil, confirmed ? "confirmed by a second measurement" : nil]
            .compactMap { $0 }
        return ([names + against, rule] + extras).joined(separator: "; ")
    }
}
