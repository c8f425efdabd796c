extension GateReport {
    /// The report as text, at most ~120 columns:
    ///
    ///     gate cpu.threads: PASS (baseline 1a2b3c4, 2026-11-25)
    ///       compared with: reference 1a2b3c4, built and measured here, in 10 interleaved pairs
    ///       machine: AuthenticAMD family 25 model 17 stepping 1, 2596 MHz (AMD EPYC); 2 cores (CPUs 0-1)
    ///       checks: measured → possible → ≥5 samples → ...
    ///       metric       baseline   current  change       99% CI    limit  p  busy  verdict  step
    ///       wallPerCal      5.123     5.201  +1.52%  -0.8..+3.1%  ±10.00%  -    0%  pass     beyondLimit
    public func rendered(configuration: GateConfiguration = .standard) -> String {
        var lines = ["gate \(id): \(outcome.rawValue.uppercased())" + (recorded.map {
            " (baseline \($0.commit), \($0.date))"
        } ?? "")]
        if let comparison { lines.append(wrapped("  compared with: " + comparison)) }
        if let machine { lines.append(wrapped("  machine: " + machine)) }
        if outcome != .recorded { lines.append("  checks: " + DecisionRule.checks(configuration)) }
        let interval = Format.percent(1 - configuration.alpha, digits: 0) + " CI"
        var table = TextTable(header: ["metric", "baseline", "current", "change", interval, "limit", "p", "busy", "verdict",
                                       "step"], rightAligned: [1, 2, 3, 4, 5, 7], indent: "  ", rule: false)
        for row in rows {
            let unit = row.metric.unit
            table.rows.append([
                row.metric.name,
                row.baseline.map { Self.show($0, unit) } ?? "-",
                row.current.map { Self.show($0, unit) } ?? "-",
                row.change.map { Format.signedPercent($0) } ?? "-",
                row.interval.map { interval in
                    String(Format.signedPercent(interval.lowerBound, digits: 1).dropLast()) + ".."
                        + Format.signedPercent(interval.upperBound, digits: 1)
                } ?? "-",
                row.limit.map { "±" + Format.percent($0) } ?? "-",
                row.pValue.map { Format.short($0) } ?? "-",
                row.busyShare.map { Format.percent($0, digits: 0) } ?? "-",
                row.verdict.kind,
                row.step?.rawValue ?? "",
            ])
        }
        lines.append(table.rendered())
        for row in rows where !row.note.isEmpty || row.verdict.kind != row.verdict.description {
            lines.append(wrapped("  \(row.metric): \(row.verdict)" + (row.note.isEmpty ? "" : ": " + row.note)))
        }
        lines += notes.map { wrapped("  note: " + $0) }
        return lines.joined(separator: "\n")
    }

    private static func show(_ value: Double, _ unit: String) -> String {
        switch unit {
        case "instr": value >= 1e6 ? Format.short(value / 1e6) + "M" : Format.short(value)
        case "s": value < 1 ? Format.short(value * 1000) + " ms" : Format.short(value) + " s"
        case "x": Format.short(value) + "x"
        case "%": Format.percent(value, digits: 1)
        case "cores": Format.short(value)
        default: Format.short(value)
        }
    }
}
