import Foundation

/// One benchmark's measurement: trials in, one report out.
///
/// The session picks what the trials are compared with (``Plan``), takes
/// them when asked (``trial()``, one interleaved pair or one trial), and in
/// ``finish()`` judges, measures more where the answer is unknown, confirms a
/// failure with a fresh batch, or records. Nothing calls back into the caller.
///
/// Not thread-safe: one caller drives it from one thread (XCTest's `measure`).
public final class GateSession {
    /// What the timings are judged against.
    enum Plan {
        /// Recording: no judgement.
        case record
        /// The reference build's trials, interleaved with the current build's.
        case paired(Build, BenchmarkBaseline?)
        /// No reference measured here: counts and promises only.
        case portable(BenchmarkBaseline, String)
    }

    let gate: Gate
    let benchmark: Benchmark
    private(set) var plan: Plan
    private let baseline: BenchmarkBaseline?
    /// The build under test: the gate's own, or, against a reference commit,
    /// the work tree built by the same command as the reference.
    private var build: Build
    /// One value per metric per trial (its samples' centre), in order.
    private var current: [SampleSet] = []
    private var reference: [SampleSet] = []
    private var failure: String?
    private(set) var notes: [String] = []

    init(gate: Gate, benchmark: Benchmark) throws {
        self.gate = gate
        self.benchmark = benchmark
        self.build = gate.current
        let configuration = gate.configuration
        var stored: BenchmarkBaseline?
        do {
            stored = try gate.baseline(for: benchmark.id)
        } catch var error as BaselineError where configuration.record != .never {
            // A full rebaseline replaces a file of another format (git keeps the old one); anything else
            // would be lost: say how to get back a good file rather than advise the command that just failed.
            guard error.kind == .otherFormat, configuration.record == .all else {
                error.remedy = "Nothing was recorded. Restore it (`git checkout -- \(error.file)`) or delete it, then re-run."
                throw error
            }
        }
        baseline = stored
        plan = .record
        if let note = gate.settle(for: benchmark) { notes.append(note) }
        if configuration.record == .all || (configuration.record == .missing && stored == nil) {
            // Found now, not after minutes of trials.
            if let problem = BaselineStore.unwritable(gate.directory) {
                throw BaselineError(.unwritable, file: gate.directory.path, problem: problem,
                                    remedy: "Nothing was measured. Make it writable (or record as its owner), then re-run.")
            }
            return
        }
        if let bench = configuration.referenceBench {
            plan = .paired(Build(name: "reference \(bench)", bench: bench), stored)
            return
        }
        if let base = configuration.base {
            plan = try .paired(reference(base), stored)
            notes.append("BASE=\(base): timings compared with that commit, built and measured here")
            return
        }
        guard let stored else {
            failure = "no baseline for \(benchmark.id) in \(gate.baselineFile.path): nothing was checked. Record it with "
                + "`make rebaseline` (or PERF_RECORD=missing), review the diff, commit it."
            return
        }
        // A stored timing never decides, not even on the machine that recorded it: a fresh clone there read
        // debug wallPerCal +20..+22 % in all 6 benchmarks judged so, their wall within 1 %, the kernel 11-27 %
        // faster (code layout, the VM's host); ratios to a kernel carry across similar machines, not all.
        if gate.build == "release" {
            do {
                plan = .paired(try reference(stored.recorded.commit), stored)
            } catch {
                plan = .portable(stored, "the baselines' commit cannot be built here: \(error)")
                failure = "\(error)"
            }
        } else {
            plan = .portable(stored, "the debug build; `make perf` times the release build against the baselines' "
                + "commit built and measured here")
        }
    }

    /// The reference commit's build; the build under test is then built by the same command too.
    private func reference(_ revision: String) throws -> Build {
        let reference = try ReferenceBuild.prepare(revision, repository: gate.repository, configuration: gate.build)
        build = try ReferenceBuild.workTree(repository: gate.repository, configuration: gate.build)
        return reference
    }

    /// Which build a trial runs.
    public enum Side: Sendable { case current, reference }

    /// The order of the next pair: both builds, in random order, when paired; else the build under test.
    public func nextOrder() -> [Side] {
        guard case .paired = plan else { return [.current] }
        return Bool.random() ? [.reference, .current] : [.current, .reference]
    }

    /// Takes one trial of the build under test, or one pair (both builds, in random order).
    public func trial() {
        for side in nextOrder() { trial(side) }
    }

    /// Takes one trial of `side`'s build (the reference's only when paired).
    public func trial(_ side: Side) {
        guard failure == nil, let build = build(side) else { return }
        do {
            let trial = try take(build)
            if side == .current { current.append(trial) } else { reference.append(trial) }
        } catch {
            failure = "\(error)"
        }
    }

    /// One trial of each build, discarded. The first run of a build pays for
    /// paging it in: cpu.processes' first trial after a rebuild took 0.55 s,
    /// its next nine 0.11-0.14 s, and XCTest fails a block whose times spread
    /// that far (standard deviation over 0.1 s and 10 %).
    public func warmUp() {
        for side in nextOrder() where failure == nil {
            guard let build = build(side) else { continue }
            do { _ = try take(build) } catch { failure = "\(error)" }
        }
    }

    private func build(_ side: Side) -> Build? {
        switch (side, plan) {
        case (.reference, .paired(let other, _)): other
        case (.reference, _): nil
        case (.current, _): build
        }
    }

    func take(_ build: Build) throws -> SampleSet {
        let samples = try Trial.run(benchmark, on: build, samples: gate.configuration.trialSamples,
                                    timeout: gate.configuration.trialTimeout)
        var trial = SampleSet()
        for metric in samples.metrics {
            if let centre = Statistics.median(samples[metric]) { trial.append(centre, to: metric) }
        }
        return trial
    }

    /// Judges (or records) what was measured, measuring more where needed.
    public func finish() -> GateReport {
        if let failure { return report(.unverified, notes: notes + [failure]) }
        do {
            if case .record = plan { return try record(first: current) }
            return try judged()
        } catch {
            return report(.unverified, notes: notes + ["\(error)"])
        }
    }

    /// A report of this benchmark, compared as planned, on this machine.
    private func report(_ outcome: GateReport.Outcome? = nil, rows: [Judgement] = [], notes: [String]) -> GateReport {
        GateReport(id: benchmark.id, outcome: outcome, rows: rows, recorded: baseline?.recorded, comparison: comparison,
                   machine: gate.fingerprint.summary, notes: notes, ratchet: gate.configuration.ratchet)
    }

    /// What the timings were compared with, for the report's second line.
    var comparison: String {
        switch plan {
        case .record: "nothing: this run records the baseline"
        case .paired(let build, _): "\(build.name), built and measured here, in \(current.count) interleaved pairs"
        case .portable(_, let why): "counts and promises only: " + why
        }
    }

    private func judged() throws -> GateReport {
        let configuration = gate.configuration
        var batch = try counted(Batch(current: current, reference: reference))
        var history = [judge(batch)]
        // Unknown is not a verdict: measure more pairs before saying so.
        while history[0].contains(where: { $0.verdict == .inconclusive(DecisionRule.tooNoisy) }),
              batch.current.count < configuration.maximumTrials, failure == nil {
            try extend(&batch, by: configuration.samples)
            history[0] = judge(batch)
        }
        // A failure is judged again with a fresh batch added to the first: more evidence, not other evidence.
        // Paired builds share any slow phase; a fresh batch that replaced the first cleared 11 of 96 first-batch
        // failures of a kernel 10 % slower (valgrind hidden, 10 runs), in noisy minutes, while unchanged code's
        // timed metrics failed no first batch in 20 runs (680 reports).
        let fails = { (row: Judgement) in row.verdict.fails(ratchet: configuration.ratchet) }
        var trials = [batch.current.count]
        while history.last!.contains(where: fails), history.count <= configuration.confirmations {
            Thread.sleep(forTimeInterval: configuration.confirmationPause)
            _ = gate.settle(for: benchmark)
            try extend(&batch, by: configuration.samples)
            history.append(judge(try counted(batch)))
            trials.append(batch.current.count)
        }
        if let failure { throw TrialError(build: "gate", problem: failure) }
        let rows = history[0].indices.map { index -> Judgement in
            let column = history.map { $0[index] }
            let unit = if case .paired = plan { "pairs" } else { "trials" }
            let added = "\(trials.last! - trials[0]) fresh \(unit) added"
            if column.allSatisfy(fails) {
                var row = column.last!
                if column.count > 1 { row.note += "; confirmed with \(added)" }
                return row
            }
            var row = column.last { !fails($0) }!
            if let first = column.first(where: fails) {
                row.note = "not confirmed: \(trials[0]) \(unit) said \(first.verdict) "
                    + "(\(first.change.map { Format.signedPercent($0) } ?? "?")), with \(added) it did not"
                    + (row.note.isEmpty ? "" : "; " + row.note)
            }
            return row
        }
        (current, reference) = (batch.current, batch.reference)
        var report = report(rows: rows + context(batch), notes: notes)
        let busy = busyFlags(batch)
        if busy.contains(true) {
            let others = Statistics.median(batch.current.flatMap { $0[.othersBusy] }) ?? 0
            report.notes.append("machine busy: others used \(Format.percent(others, digits: 0)) of a core during "
                + "\(busy.filter { $0 }.count) of \(busy.count) trials")
        }
        return report
    }

    /// Trials of one batch, and its instruction counts.
    struct Batch {
        var current: [SampleSet]
        var reference: [SampleSet]
        var counts = SampleSet()
        var referenceCounts = SampleSet()
    }

    private func extend(_ batch: inout Batch, by trials: Int) throws {
        let (savedCurrent, savedReference) = (current, reference)
        (current, reference) = (batch.current, batch.reference)
        for _ in 0..<trials { trial() }
        (batch.current, batch.reference) = (current, reference)
        (current, reference) = (savedCurrent, savedReference)
    }

    /// Adds instruction counts: of this build, and of the reference where no stored count compares.
    private func counted(_ batch: Batch) throws -> Batch {
        var batch = batch
        if let note = gate.countInstructions(benchmark, on: build, into: &batch.counts), !notes.contains(note) {
            notes.append(note)
        }
        if case .paired(let other, _) = plan, storedCount == nil, !batch.counts[.instructions].isEmpty {
            _ = gate.countInstructions(benchmark, on: other, into: &batch.referenceCounts)
        }
        return batch
    }

    /// The stored instruction count, when it compares: same compiler, command and cores.
    private var storedCount: MetricBaseline? {
        guard countMismatch(.instructions) == nil else { return nil }
        return baseline?.metrics[Metric.instructions.name]
    }

    /// Why a stored count of `metric` does not compare here, if it does not. Counts carry across machines
    /// (instructions within 0.06 % from one CPU model to another) but not across core counts: pools are as
    /// wide as the cores, and under `taskset -c 0` cpu.dispatch counted 1.25 allocations per job instead of 1.5.
    private func countMismatch(_ metric: Metric) -> String? {
        guard let baseline else { return "no baseline" }
        let recorded = baseline.recorded.machine
        if recorded.swift != gate.fingerprint.swift { return "counted with Swift \(recorded.swift)" }
        if recorded.cores != gate.fingerprint.cores { return "counted on \(recorded.cores), here \(gate.fingerprint.cores)" }
        let key = "instructions"
        if metric == .instructions, baseline.parameters[key] != benchmark.parameters[key] {
            return "recorded counting `\(baseline.parameters[key] ?? "?")`, here `\(benchmark.parameters[key] ?? "?")`"
        }
        return nil
    }

    /// The limit of an allocation count near `count` per job: the tolerance, and at least
    /// ``GateConfiguration/allocationSlack`` per job.
    private func allocationLimit(_ tolerance: Double, near count: Double?) -> Double {
        guard let count, count > 0 else { return tolerance }
        return max(tolerance, gate.configuration.allocationSlack / count)
    }

    private func values(_ trials: [SampleSet], _ metric: Metric) -> [Double] { trials.flatMap { $0[metric] } }

    private func busyFlags(_ batch: Batch) -> [Bool] {
        let mine = gate.busyFlags(SampleSet([.othersBusy: values(batch.current, .othersBusy)]), benchmark)
        let theirs = gate.busyFlags(SampleSet([.othersBusy: values(batch.reference, .othersBusy)]), benchmark)
        return mine.indices.map { $0 < theirs.count ? mine[$0] || theirs[$0] : mine[$0] }
    }

    /// Every judged metric of `batch`, decided by ``DecisionRule``.
    private func judge(_ batch: Batch) -> [Judgement] {
        let configuration = gate.configuration
        let busy = busyFlags(batch)
        let othersBusy = values(batch.current, .othersBusy)
        let tolerances = configuration.tolerances.preset(width: benchmark.width, debugBuild: gate.build == "debug")
        return benchmark.judgedMetrics.map { judged in
            var metric = judged
            if case .paired = plan { metric = benchmark.pairedMetric(judged) }
            let counted = metric == .instructions
            var input = DecisionRule.Input(metric: metric, current: counted ? batch.counts[metric] : values(batch.current, metric),
                                           baseline: nil)
            let stored = baseline?.metrics[judged.name]
            if counted {
                input.unmeasuredReason = "valgrind not available"
                if let storedCount {
                    input.baseline = storedCount
                    input.limit = storedCount.limit(configuration.noiseMultiplier)
                } else if case .paired = plan {
                    input.reference = batch.referenceCounts[metric]
                    input.limit = stored?.tolerance ?? tolerances[judged]
                } else {
                    return Judgement(metric: metric, current: Statistics.median(input.current),
                                     verdict: .inconclusive(countMismatch(.instructions) ?? "not comparable"), step: .beyondLimit,
                                     note: "counts compare within one compiler, command and core count: `make perf` counts "
                                        + "the reference here")
                }
            } else if metric.isDeterministic {
                // Allocations: counted in every trial, the least of them judged; no busy check applies.
                input.unmeasuredReason = "not counted in this build (a sanitizer's runtime owns malloc)"
                switch plan {
                case .paired(let other, _):
                    input.reference = values(batch.reference, metric)
                    input.limit = allocationLimit(stored?.tolerance ?? tolerances[judged], near: metric.centre(input.reference!))
                    if input.reference!.isEmpty { input.promiseOnly = "\(other.name) does not count \(metric)" }
                case .portable:
                    if let stored, countMismatch(metric) == nil {
                        input.baseline = stored
                        input.limit = allocationLimit(stored.limit(configuration.noiseMultiplier), near: stored.centre(metric))
                    } else {
                        input.promiseOnly = countMismatch(metric) ?? "no stored count"
                    }
                case .record:
                    break
                }
            } else {
                input.busy = busy
                switch plan {
                case .paired(let other, _):
                    input.reference = values(batch.reference, metric)
                    input.limit = stored?.tolerance ?? tolerances[judged]
                    // A reference older than the metric: its promise still holds.
                    if input.reference!.isEmpty { input.promiseOnly = "\(other.name) does not measure \(metric)" }
                case .portable(_, let why):
                    input.promiseOnly = why
                case .record:
                    break
                }
            }
            input.othersBusy = Statistics.median(zip(othersBusy, busy).filter(\.1).map(\.0)) ?? 0
            (input.possible, input.promised) = benchmark.bounds(of: metric, configuration.promises,
                                                                othersBusy: Statistics.median(othersBusy) ?? 0,
                                                                cpuSpread: Statistics.median(values(batch.current, .cpuSpread)) ?? 0)
            if let why = benchmark.promiseOnly[judged.name] { input.promiseOnly = why }
            return DecisionRule.decide(input, configuration: configuration)
        }
    }

    /// Context rows: raw times and the machine's load, never judged.
    private func context(_ batch: Batch) -> [Judgement] {
        let judged = Set(benchmark.judgedMetrics.map { metric -> String in
            if case .paired = plan { return benchmark.pairedMetric(metric).name }
            return metric.name
        })
        let rows: [Metric] = [.allocations, .wall, .cpu, .single, .cpuSpread, .calibration, .speedup, .othersBusy]
        return rows.filter { !judged.contains($0.name) }.compactMap { metric in
            guard let now = Statistics.median(values(batch.current, metric)) else { return nil }
            let then: Double? = switch plan {
            case .paired: Statistics.median(values(batch.reference, metric))
            default: baseline?.context[metric.name]
            }
            // A spread or a load near 0 has no meaningful ratio: both values are shown, no change.
            let ratio = ![Metric.cpuSpread, .othersBusy].contains(metric)
            return Judgement(metric: metric, baseline: then, current: now,
                             change: ratio ? then.flatMap { $0 > 0 ? now / $0 - 1 : nil } : nil, verdict: .context)
        }
    }
}
