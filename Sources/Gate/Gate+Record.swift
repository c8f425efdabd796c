import Foundation

extension GateSession {
    /// Measures ``GateConfiguration/recordBatches`` batches of trials in all
    /// and writes the benchmark's baseline, keeping every other benchmark in
    /// the file and any tolerance a reviewer edited.
    ///
    /// Refuses, leaving the file byte-identical, when a value is physically
    /// impossible or over ``GateConfiguration/busyShare`` of the trials ran on a busy machine: a wrong baseline
    /// fails every later run on this machine.
    func record(first: [SampleSet]) throws -> GateReport {
        let configuration = gate.configuration
        var batches = [first]
        var counts = SampleSet()
        var notes = self.notes
        if let note = gate.countInstructions(benchmark, on: gate.current, into: &counts) { notes.append(note) }
        while batches.count < configuration.recordBatches {
            _ = gate.settle(for: benchmark)
            var batch: [SampleSet] = []
            for _ in 0..<configuration.samples { batch.append(try take(gate.current)) }
            _ = gate.countInstructions(benchmark, on: gate.current, into: &counts)
            batches.append(batch)
        }
        let pooled = batches.joined().reduce(SampleSet()) { $0.merging($1) }.merging(counts)
        let path = gate.baselineFile.path
        let key = "benchmarks.\"\(benchmark.id)\""
        for metric in benchmark.judgedMetrics {
            let possible = benchmark.bounds(of: metric, configuration.promises,
                                            cpuSpread: Statistics.median(pooled[.cpuSpread]) ?? 0).possible
            if let possible, let value = Statistics.median(pooled[metric]), !possible.contains(value) {
                throw BaselineError(.unwritable, file: path, keyPath: "\(key).metrics.\(metric)",
                                    problem: "refusing to record \(metric) \(Format.short(value)): outside the possible "
                                        + "\(Format.short(possible.lowerBound))...\(Format.short(possible.upperBound))",
                                    remedy: "Nothing was changed. The measurement was disturbed: re-run on a quiet machine.")
            }
        }
        let busy = gate.busyFlags(pooled, benchmark)
        if !busy.isEmpty, Double(busy.filter { $0 }.count) / Double(busy.count) > configuration.busyShare {
            throw BaselineError(.unwritable, file: path, keyPath: key,
                                problem: "refusing to record: other processes used the benchmark's cores during "
                                    + "\(busy.filter { $0 }.count) of \(busy.count) trials",
                                remedy: "Nothing was changed. Stop them (or wait), then re-run `make rebaseline`.")
        }
        let tolerances = configuration.tolerances.preset(width: benchmark.width, debugBuild: gate.build == "debug")
        do {
            try FileManager.default.createDirectory(at: gate.directory, withIntermediateDirectories: true)
        } catch {
            throw BaselineError(.unwritable, file: gate.directory.path, problem: "cannot create the directory: \(error)")
        }
        let entry = try DirectoryLock.withLock(gate.directory.path) { () throws -> BenchmarkBaseline in
            var file: BaselineFile
            do {
                file = try BaselineStore.read(path) ?? BaselineFile(configuration: gate.build)
            } catch let error as BaselineError where error.kind == .otherFormat && configuration.record == .all {
                // A full rebaseline rewrites every benchmark anyway; git keeps the old file.
                notes.append("replaced \(path), written in another format (\(error.problem))")
                file = BaselineFile(configuration: gate.build)
            }
            let old = file.benchmarks[benchmark.id.description]
            var metrics: [String: MetricBaseline] = [:]
            for metric in benchmark.judgedMetrics where !pooled[metric].isEmpty {
                let tolerance = old?.metrics[metric.name]?.tolerance ?? tolerances[metric]
                var noise = 0.0
                if metric.isDeterministic {
                    noise = Statistics.relativeRange(pooled[metric]) ?? 0
                } else {
                    // Run-to-run noise: how far the batch medians fell apart, or fall apart on average
                    // (resampled from all trials), whichever is wider.
                    let values = batches.map { batch in batch.flatMap { $0[metric] } }
                    noise = Statistics.relativeRange(values.map { metric.centre($0) ?? 0 }) ?? 0
                    if let expected = Statistics.expectedMedianRange(pooled[metric], batchSize: values[0].count,
                                                                     batches: batches.count) {
                        noise = max(noise, expected)
                    }
                }
                metrics[metric.name] = MetricBaseline(samples: pooled[metric].map(roundedForBaseline), tolerance: tolerance,
                                                      noise: roundedForBaseline(noise))
                if let was = old?.metrics[metric.name]?.centre(metric), was > 0 {
                    let now = metrics[metric.name]!.centre(metric)
                    notes.append("\(metric): \(Format.short(was)) -> \(Format.short(now)) (\(Format.signedPercent(now / was - 1)))")
                }
            }
            let context = Dictionary(uniqueKeysWithValues: [Metric.wall, .cpu, .calibration, .speedup].compactMap { metric in
                Statistics.median(pooled[metric]).map { (metric.name, roundedForBaseline($0)) }
            })
            let entry = BenchmarkBaseline(parameters: benchmark.parameters, recorded: gate.provenance(pooled),
                                          metrics: metrics, context: context)
            file.benchmarks[benchmark.id.description] = entry
            try BaselineStore.write(file, to: path)
            return entry
        }
        var report = GateReport(id: benchmark.id, outcome: .recorded, rows: [], recorded: entry.recorded,
                                machine: entry.recorded.machine.summary)
        report.notes = ["recorded \(batches.count) batches of \(configuration.samples) trials into \(path)"] + notes
        return report
    }
}

extension Gate {
    /// Where and when this recording happens.
    func provenance(_ samples: SampleSet) -> Provenance {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var machine = fingerprint
        machine.calibration = Statistics.median(samples[.calibration]).map(roundedForBaseline)
        return Provenance(commit: Self.commit(in: directory), date: formatter.string(from: Date()), machine: machine)
    }

    /// `git rev-parse --short HEAD` (+`-dirty`) of the repository holding `directory`, or "unknown".
    static func commit(in directory: URL) -> String {
        func git(_ arguments: [String]) -> String? { ReferenceBuild.run(["git", "-C", directory.path] + arguments).output }
        guard let head = git(["rev-parse", "--short", "HEAD"]) else { return "unknown" }
        let dirty = git(["status", "--porcelain", "--untracked-files=no", "--", ":/Sources", ":/Tests", ":/Package.swift"])
        return head + (dirty?.isEmpty == false ? "-dirty" : "")
    }
}

/// Six significant digits: plenty for samples that vary by a percent, short in a diff.
func roundedForBaseline(_ x: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    return Double(String(format: "%.6g", x)) ?? x
}
