import Benchmarks
import Foundation
import Gate
import Runners

/// Fills in "vs baseline": each model's portable ratio against the release or
/// debug gate's committed baseline, `baselines/<configuration>.json`: CPU
/// efficiency (speedup over serial per core used), I/O time over one delay.
/// Raw seconds are never compared: they differ ~20 % between machines.
///
/// A change is shown only when the file exists, the benchmark was recorded
/// with this run's sizes and on this machine (its ``Fingerprint``: a stored
/// timing from another machine decides nothing); otherwise the workload gets
/// one note saying why.
/// A malformed file never stops the report: its error becomes the note.
struct BaselineComparison {
    var directory: String
    var options: BenchOptions

    func apply(to workloads: inout [WorkloadResult]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            // Said, not skipped in silence, and in bench's terms (the gate's message names its environment variable).
            for index in workloads.indices {
                workloads[index].baselineNote = "vs baseline: \(directory) is not a directory: give --baselines the "
                    + "repository's baselines/ (`make rebaseline` records one)."
            }
            return
        }
        // An explicit policy: the gate's environment variables do not concern bench.
        let gate: Gate
        do {
            gate = try Gate(directory: URL(fileURLWithPath: directory), current: Catalog.currentBuild,
                            fingerprint: Catalog.fingerprint, configuration: .standard)
        } catch {
            // An unusable directory is said, not skipped in silence.
            for index in workloads.indices { workloads[index].baselineNote = "vs baseline: \(error)" }
            return
        }
        let file = gate.baselineFile.path
        guard FileManager.default.fileExists(atPath: file) else {
            for index in workloads.indices {
                workloads[index].baselineNote = "vs baseline: \(file) does not exist (`make rebaseline` records one)."
            }
            return
        }
        for index in workloads.indices {
            workloads[index].baselineNote = compare(&workloads[index], gate: gate, file: file)
        }
    }

    /// Sets each model's change; returns the note for the models without one.
    private func compare(_ workload: inout WorkloadResult, gate: Gate, file: String) -> String? {
        if workload.workload == "mixed" {
            return "vs baseline: the gate's mixed ratios need one job's computing timed alone beside each run, "
                + "which bench does not measure; `make perf` judges them."
        }
        let parameters = Self.parameters(of: workload.workload, options)
        var missing: [String] = []
        var otherSizes: [String: String]?
        var fewRounds = false
        var promiseOnly: [String] = []
        let serial = workload.models.first { $0.model == "serial" && $0.ok }?.medianWall
        for index in workload.models.indices {
            let id = BenchmarkID(job: workload.workload, model: workload.models[index].model)
            // The gate's list says what is judged and how wide the model is.
            guard let benchmark = Catalog.benchmark(id.description) else { continue }
            let metric = workload.workload == "cpu" ? Metric.efficiency : Metric.vsIdeal
            if !benchmark.judgedMetrics.contains(metric) || benchmark.promiseOnly[metric.name] != nil {
                promiseOnly.append(id.model)
                continue
            }
            let baseline: BenchmarkBaseline?
            do { baseline = try gate.baseline(for: id) } catch {
                return "vs baseline: unusable baseline: \(error)"
            }
            guard let baseline, let recorded = baseline.metrics[metric.name], recorded.centre(metric) > 0 else {
                missing.append(id.model)
                continue
            }
            if let other = gate.fingerprint.mismatch(baseline.recorded.machine) {
                return "vs baseline: recorded on another machine (\(other)); `make perf` compares with the reference "
                    + "commit built and measured here."
            }
            guard baseline.parameters.filter({ parameters.keys.contains($0.key) }) == parameters else {
                otherSizes = baseline.parameters.filter { parameters.keys.contains($0.key) }
                continue
            }
            let row = workload.models[index]
            guard row.ok, let values = current(metric, row, serial: serial, width: benchmark.width) else { continue }
            // The gate's own rule decides, so bench and the gate cannot disagree on what changed.
            var input = DecisionRule.Input(metric: metric, current: values, baseline: recorded)
            input.limit = recorded.limit(GateConfiguration.standard.noiseMultiplier)
            let judgement = DecisionRule.decide(input, configuration: .standard)
            if judgement.change == nil { fewRounds = fewRounds || values.count < GateConfiguration.standard.minimumSamples }
            workload.models[index].baselineChange = judgement.change
        }
        if let otherSizes {
            return "vs baseline: \(file) was recorded with \(Self.show(otherSizes)), this run used "
                + "\(Self.show(parameters)); `\(Self.flags(workload.workload, otherSizes))` reproduces the recorded sizes."
        }
        if fewRounds {
            return "vs baseline: the gate compares \(GateConfiguration.standard.minimumSamples) rounds or more (--rounds)."
        }
        if !missing.isEmpty {
            return "vs baseline: \(file) has no \(workload.workload) baseline for \(missing.joined(separator: ", "))."
        }
        if !promiseOnly.isEmpty {
            return "vs baseline: the gate judges \(promiseOnly.joined(separator: ", ")) by its promise only, no change shown."
        }
        return nil
    }

    /// This run's values of the gate's portable metric for `row`, one per round.
    private func current(_ metric: Metric, _ row: ModelResult, serial: Double?, width: Int) -> [Double]? {
        let walls = row.walls.filter { $0 > 0 }
        if metric == .vsIdeal { return walls.map { $0 / options.delay } }
        guard let serial else { return nil }
        return walls.map { serial / $0 / Double(width) }
    }

    /// The parameters the performance suite records for this job, from this run's options.
    static func parameters(of workload: String, _ options: BenchOptions) -> [String: String] {
        workload == "cpu"
            ? Catalog.cpuSizes(jobs: options.cpuJobs, limit: options.limit)
            : Catalog.ioSizes(requests: options.ioJobs, delay: options.delay)
    }

    private static func show(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// The `bench` command line that measures with `parameters`.
    private static func flags(_ workload: String, _ parameters: [String: String]) -> String {
        let value = { (key: String) in parameters[key] ?? "?" }
        return workload == "cpu"
            ? "bench --workload cpu --cpu-jobs \(value("jobs")) --limit \(value("primeLimit"))"
            : "bench --workload io --io-jobs \(value("requests")) --delay \(value("delaySeconds"))"
    }
}
