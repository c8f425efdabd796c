import Foundation

extension Gate {
    /// Judges a batch against the committed baseline; a failure must survive
    /// ``GateConfiguration/confirmations`` fresh batches to be reported.
    func check(_ benchmark: Benchmark, batch: SampleSet) throws -> GateReport {
        let file = baselineFile.path
        guard let baseline = try baseline(for: benchmark.id) else {
            return GateReport(id: benchmark.id, outcome: .unverified, rows: context(batch, nil), notes: [
                "no baseline for \(benchmark.id) in \(file): nothing was checked. Record it with `make rebaseline` "
                    + "(or PERF_RECORD=missing), review the diff, commit it.",
            ])
        }
        try requireParameters(benchmark, match: baseline, in: file)
        var history = [judge(benchmark, batch, baseline)]
        var latest = batch
        let fails = { (row: Judgement) in row.verdict.fails(ratchet: self.configuration.ratchet) }
        while history.last!.contains(where: fails), history.count <= configuration.confirmations {
            Thread.sleep(forTimeInterval: configuration.confirmationPause)
            _ = settle(for: benchmark)
            var fresh = try measure(benchmark)
            _ = countInstructions(benchmark, into: &fresh)
            history.append(judge(benchmark, fresh, baseline))
            latest = fresh
        }
        // A failure stands only where every batch failed; otherwise the latest passing row speaks.
        let rows = history[0].indices.map { index -> Judgement in
            let column = history.map { $0[index] }
            if column.allSatisfy(fails) {
                var row = column.last!
                if column.count > 1 { row.note += "; confirmed by \(column.count - 1) fresh batch(es)" }
                return row
            }
            var row = column.last { !fails($0) }!
            if let first = column.first(where: fails) {
                row.note = "not confirmed: an earlier batch said \(first.verdict) "
                    + "(\(first.change.map(signedPercent) ?? "?")), a fresh one did not" + (row.note.isEmpty ? "" : "; " + row.note)
            }
            return row
        }
        var report = GateReport(id: benchmark.id, rows: rows + context(latest, baseline), recorded: baseline.recorded,
                                ratchet: configuration.ratchet)
        let busy = busyFlags(latest, benchmark)
        if !busy.isEmpty, Double(busy.filter { $0 }.count) / Double(busy.count) > configuration.busyShare {
            let others = Statistics.median(latest[.othersBusy]) ?? 0
            report.notes.append("machine busy: others used \(Int((others * 100).rounded()))% of a core during "
                + "\(busy.filter { $0 }.count) of \(busy.count) samples; a failure resting on them is inconclusive")
        }
        return report
    }

    /// Every judged metric of `batch`, decided by ``DecisionRule``.
    func judge(_ benchmark: Benchmark, _ batch: SampleSet, _ baseline: BenchmarkBaseline) -> [Judgement] {
        let busy = busyFlags(batch, benchmark)
        let busyOthers = zip(batch[.othersBusy], busy).filter(\.1).map(\.0)
        return benchmark.judgedMetrics.map { metric in
            var input = DecisionRule.Input(metric: metric, current: batch[metric], baseline: baseline.metrics[metric.name])
            if !metric.isDeterministic { input.busy = busy }
            input.othersBusy = Statistics.median(busyOthers) ?? 0
            (input.possible, input.promised) = benchmark.bounds(of: metric, configuration.promises)
            input.promiseOnly = benchmark.promiseOnly[metric.name]
            if metric == .instructions {
                input.unmeasuredReason = "valgrind not available"
                if baseline.recorded.swift != HostProfile.compilerVersion {
                    input.baseline = nil
                    input.unmeasuredReason = "recorded with Swift \(baseline.recorded.swift)"
                    return Judgement(metric: metric, current: Statistics.median(input.current),
                                     verdict: .inconclusive("recorded with Swift \(baseline.recorded.swift)"),
                                     step: .beyondLimit, note: "counts compare within one compiler: `make rebaseline`")
                }
            }
            return DecisionRule.decide(input, configuration: configuration)
        }
    }

    /// Context rows: raw times and the machine's load, never judged.
    func context(_ batch: SampleSet, _ baseline: BenchmarkBaseline?) -> [Judgement] {
        [Metric.wall, .cpu, .calibration, .speedup, .othersBusy].compactMap { metric in
            guard let current = Statistics.median(batch[metric]) else { return nil }
            let recorded = baseline?.context[metric.name]
            return Judgement(metric: metric, baseline: recorded, current: current,
                             change: recorded.flatMap { $0 > 0 ? current / $0 - 1 : nil }, verdict: .context)
        }
    }

    /// Throws unless the benchmark is measured as recorded.
    func requireParameters(_ benchmark: Benchmark, match baseline: BenchmarkBaseline, in file: String) throws {
        guard benchmark.parameters != baseline.parameters else { return }
        func show(_ values: [String: String]) -> String {
            "{" + values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
        throw BaselineError(.parametersMismatch, file: file, keyPath: "benchmarks.\"\(benchmark.id)\".parameters",
                            problem: "recorded with \(show(baseline.parameters)), measured with \(show(benchmark.parameters))")
    }
}
