import Foundation

extension Gate {
    /// Checks one benchmark's samples against its baseline, confirming any
    /// failure with one fresh measurement before reporting it.
    ///
    /// A single slow batch on a shared VM is common; two in a row from a real
    /// slowdown is what the gate looks for. If the first evaluation fails,
    /// `remeasure` runs once and the fresh samples decide.
    ///
    /// - Parameters:
    ///   - id: The benchmark.
    ///   - parameters: What was measured (job size, count); must equal the recorded ones.
    ///   - samples: This run's samples.
    ///   - remeasure: Measures again; called only to confirm a failure.
    /// - Returns: The report; `failed` says whether the test should fail.
    /// - Throws: ``BaselineError`` for an unusable baseline or mismatched parameters.
    public func check(_ id: BenchmarkID, parameters: [String: String], samples: SampleSet,
                      remeasure: () throws -> SampleSet) throws -> GateReport {
        let first = try evaluate(id, parameters: parameters, samples: samples)
        guard first.failed else { return first }
        // Each confirmation must fail too: a slow phase of the VM has to outlast
        // all of them (the caller pauses before each) to fail the gate.
        var history = [first]
        while history.count <= policy.confirmations {
            let next = try evaluate(id, parameters: parameters, samples: try remeasure())
            history.append(next)
            if !next.failed { break }
        }
        var last = history[history.count - 1]
        let summaries = history.dropLast().map { report in
            report.comparisons.filter { $0.verdict.severity >= 1 }
                .map { "\($0.metric) \($0.change.map(signedPercent) ?? "?")" }.joined(separator: ", ")
        }
        let earlier = summaries.joined(separator: "; ")
        let verb = first.outcome.rawValue == "regression" ? "regressed" : "was \(first.outcome.rawValue)"
        last.notes.insert(last.failed
            ? "confirmed: \(history.count - 1) fresh measurement(s) agreed with the first (\(earlier))"
            : "first measurement \(verb) (\(earlier)), confirmation \(history.count - 1) "
                + (last.outcome == .pass ? "passed" : "was \(last.outcome.rawValue)"),
            at: 0)
        last.confirmed = true
        return last
    }

    /// One evaluation, without confirmation.
    public func evaluate(_ id: BenchmarkID, parameters: [String: String], samples: SampleSet) throws -> GateReport {
        var report = GateReport(id: id, profileKey: profile.key, policy: policy)
        let record = "record with `make rebaseline` or PERF_RECORD=missing"
        if let own = try BaselineStore.read(baselineFile.path), let entry = own.benchmarks[id.description] {
            try requireParameters(parameters, match: entry, of: id, in: baselineFile.path)
            report.mode = .sameHost
            report.baselineFile = baselineFile.path
            report.comparisons = compare(samples, with: entry, hostIndependentOnly: false, report: &report)
        } else if let reference = try referenceBaseline(for: id) {
            try requireParameters(parameters, match: reference.benchmark, of: id, in: reference.file)
            report.mode = .ratiosOnly(reference: reference.profileKey)
            report.baselineFile = reference.file
            report.comparisons = compare(samples, with: reference.benchmark, hostIndependentOnly: true, report: &report)
            let checked = report.comparisons.map(\.metric).joined(separator: ", ")
            report.notes.append("no baseline for profile \(profile.key); ratio checks only against profile "
                + "\(reference.profileKey) (metrics: \(checked.isEmpty ? "none" : checked)); \(record)")
            if !reference.alternatives.isEmpty {
                report.notes.append("also comparable: \(reference.alternatives.joined(separator: ", ")); chose same arch and Swift version first")
            }
        } else {
            report.mode = .unverified
            report.notes.append("UNVERIFIED: no baseline for profile \(profile.key) and no other profile with "
                + "\(profile.configuration) build and \(profile.cores) cores to compare ratios with; \(record)")
        }
        report.outcome = report.comparisons.map(\.verdict).max { $0.severity < $1.severity }.map(GateReport.Outcome.init) ?? .unverified
        return report
    }

    /// Decides every measured metric that the baseline knows.
    private func compare(_ samples: SampleSet, with baseline: BenchmarkBaseline, hostIndependentOnly: Bool,
                         report: inout GateReport) -> [MetricComparison] {
        var comparisons: [MetricComparison] = []
        var skipped: [String] = []
        for name in samples.metricNames {
            guard let metric = baseline.metrics[name] else {
                report.notes.append("\(name): not in the baseline, not checked; rebaseline to add it")
                continue
            }
            if let descriptor = samples.metrics[name], !descriptor.isGated {
                // Context: the machine's speed then and now, for the reader.
                if !hostIndependentOnly { report.notes.append(contextNote(name, samples[name], baseline: metric)) }
                continue
            }
            guard metric.hostIndependent || !hostIndependentOnly else {
                skipped.append(name)
                continue
            }
            comparisons.append(DecisionRule.decide(metric: name, baseline: metric, current: samples[name], policy: policy))
        }
        // Rule 4: each time with its calibrated twin, judged together.
        for time in Metric.known where !hostIndependentOnly {
            guard let twin = time.calibrated,
                  let timeIndex = comparisons.firstIndex(where: { $0.metric == time.name }),
                  let twinIndex = comparisons.firstIndex(where: { $0.metric == twin.name }),
                  let timeBaseline = baseline.metrics[time.name], let twinBaseline = baseline.metrics[twin.name]
            else { continue }
            let rows = DecisionRule.decide(time: (time.name, timeBaseline, samples[time.name]),
                                           calibrated: (twin.name, twinBaseline, samples[twin.name]), policy: policy)
            comparisons[timeIndex] = rows.time
            comparisons[twinIndex] = rows.calibrated
        }
        let unmeasured = baseline.metrics.keys.filter { samples[$0].isEmpty }.sorted()
        if !unmeasured.isEmpty {
            report.notes.append("in the baseline but not measured this run, so not checked: \(unmeasured.joined(separator: ", "))")
        }
        if !skipped.isEmpty {
            report.notes.append("not checked (absolute, measured on another host): \(skipped.joined(separator: ", "))")
        }
        return comparisons
    }

    /// "calibration (context, not gated): 6.41 ms now, 6.25 ms in the baseline (+2.56%: the machine is slower now)".
    private func contextNote(_ name: String, _ current: [Double], baseline: MetricBaseline) -> String {
        let then = Statistics.centre(baseline.samples, direction: baseline.direction) ?? baseline.median
        guard let now = Statistics.centre(current, direction: baseline.direction), then > 0 else {
            return "\(name) (context, not gated): no samples"
        }
        let change = now / then - 1
        let reading = abs(change) < 0.02 ? "same speed" : change > 0 ? "the machine is slower now" : "the machine is faster now"
        return "\(name) (context, not gated): \(format(now, unit: baseline.unit)) now, \(format(then, unit: baseline.unit)) "
            + "in the baseline (\(signedPercent(change)): \(reading)); calibrated metrics divide this out"
    }
}
