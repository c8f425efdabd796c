import Foundation

extension Gate {
    /// Fewer batches than this give a noise floor from within-batch spread,
    /// which underestimates run-to-run drift; the summary says so.
    public static let batchesForNoiseFloor = 3

    /// Writes or updates one benchmark's baseline in this profile's file.
    ///
    /// Keeps every other benchmark and the existing tolerances of this one (a
    /// reviewer may have edited them). Serialized across threads and processes
    /// by a lock on the directory; the file is replaced atomically, so a
    /// failure leaves it byte-identical.
    ///
    /// - Parameters:
    ///   - id: The benchmark.
    ///   - parameters: What was measured; later checks must match them.
    ///   - batches: Separate measurement runs (at least 3 for a noise floor).
    /// - Returns: Old and new medians per metric.
    /// - Throws: ``BaselineError`` if the existing file is unusable or cannot be replaced.
    ///   - defaultTolerance: The tolerance of a metric recorded for the first time.
    public func record(_ id: BenchmarkID, parameters: [String: String], batches: [SampleSet],
                       defaultTolerance: (String) -> Tolerance = Tolerance.default(for:)) throws -> RecordSummary {
        let path = baselineFile.path
        let names = Set(batches.flatMap(\.metricNames)).sorted()
        guard !names.isEmpty else {
            throw BaselineError(.unwritable, file: path, keyPath: "benchmarks.\"\(id)\"",
                                problem: "no samples to record", remedy: "Measure at least one batch.")
        }
        for name in names where batches.contains(where: { $0[name].contains { !$0.isFinite || $0 < 0 } }) {
            // The reader would refuse such a file; refuse to write it instead.
            throw BaselineError(.unwritable, file: path, keyPath: "benchmarks.\"\(id)\".metrics.\(name).samples",
                                problem: "samples must be non-negative finite numbers",
                                remedy: "Nothing was changed. Fix the measurement.")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BaselineError(.unwritable, file: directory.path, problem: "cannot create the directory: \(error)")
        }
        return try DirectoryLock.withLock(directory.path) {
            var file = try BaselineStore.read(path) ?? BaselineFile(host: profile)
            file.host = profile
            let old = file.benchmarks[id.description]
            var summary = RecordSummary(id: id, file: path, isNew: old == nil, changes: [], notes: [])
            var entry = BenchmarkBaseline(parameters: parameters, metrics: [:])
            for name in names {
                let metric = makeMetric(name, batches: batches,
                                        tolerance: old?.metrics[name]?.tolerance ?? defaultTolerance(name))
                entry.metrics[name] = metric
                summary.changes.append(.init(metric: name, unit: metric.unit,
                                             oldMedian: old?.metrics[name]?.median, newMedian: metric.median))
            }
            if batches.count < Self.batchesForNoiseFloor {
                summary.notes.append("only \(batches.count) batch(es): noise floor estimated from within-batch spread; "
                    + "record \(Self.batchesForNoiseFloor) or more for run-to-run noise")
            }
            let dropped = Set(old?.metrics.keys.map { $0 } ?? []).subtracting(names).sorted()
            if !dropped.isEmpty { summary.notes.append("removed (not measured now): \(dropped.joined(separator: ", "))") }
            if let old, old.parameters != parameters { summary.notes.append("parameters changed: \(old.parameters) -> \(parameters)") }
            file.benchmarks[id.description] = entry
            try BaselineStore.write(file, to: path)
            return summary
        }
    }

    /// One metric's baseline from its batches; numbers rounded for small diffs.
    private func makeMetric(_ name: String, batches: [SampleSet], tolerance: Tolerance) -> MetricBaseline {
        let perBatch = batches.map { $0[name].map(roundedForBaseline) }.filter { !$0.isEmpty }
        let pooled = perBatch.flatMap { $0 }
        let descriptor = batches.lazy.compactMap { $0.metrics[name] }.first
            ?? Metric(name: name, unit: "", direction: .smallerIsBetter, isHostIndependent: false)
        let noise = perBatch.count >= Self.batchesForNoiseFloor
            ? Statistics.batchCentreSpread(perBatch, direction: descriptor.direction)
            : Statistics.relativeSpread(pooled)
        return MetricBaseline(
            unit: descriptor.unit, direction: descriptor.direction, hostIndependent: descriptor.isHostIndependent,
            median: roundedForBaseline(Statistics.median(pooled) ?? 0),
            mad: roundedForBaseline(Statistics.mad(pooled) ?? 0),
            noiseFloor: roundedForBaseline(noise ?? 0),
            samples: pooled, tolerance: tolerance)
    }
}
