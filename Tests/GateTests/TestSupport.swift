import Foundation
@testable import Gate

/// A seeded generator, so property tests replay exactly: the gate's own.
typealias SeededGenerator = SplitMix64

/// Synthetic measurements, shaped like the real ones: a CPU benchmark whose
/// job takes `job` seconds per calibration, on a machine of speed `speed`.
struct SyntheticMachine {
    var generator: SeededGenerator
    /// Seconds one calibration run takes on this machine.
    var speed = 0.01
    /// Relative jitter of each time.
    var jitter = 0.01

    mutating func noisy(_ value: Double) -> Double {
        value * (1 + Double.random(in: -jitter...jitter, using: &generator))
    }

    /// A batch of `count` CPU observations of a model `width` wide whose job is `slowdown` slower than recorded.
    mutating func cpuBatch(width: Int, slowdown: Double = 0, count: Int = 10, othersBusy: Double = 0) -> SampleSet {
        var batch = SampleSet()
        for _ in 0..<count {
            let single = noisy(speed * 2.5 * (1 + slowdown))
            let wall = noisy(single * 4 / Double(width) * 1.02)
            batch.append(CPUObservation(wall: wall, cpu: noisy(single * 4), calibration: noisy(speed),
                                        single: single, jobs: 4, width: width))
            batch.append(othersBusy, to: .othersBusy)
        }
        for _ in 0..<2 { batch.append(5e7 * (1 + slowdown * 0.7), to: .instructions) }
        return batch
    }

    /// `batch` with every time (wall, cpu, calibration, one job alone) multiplied by `factor`.
    static func scaled(_ batch: SampleSet, by factor: Double) -> SampleSet {
        var result = SampleSet()
        let walls = batch[.wall], cpus = batch[.cpu], calibrations = batch[.calibration]
        let singles = zip(batch[.speedup], walls).map { $0 * $1 / 4 }
        let widths = zip(batch[.speedup], batch[.efficiency]).map { Int(($0 / $1).rounded()) }
        for index in walls.indices {
            result.append(CPUObservation(wall: walls[index] * factor, cpu: cpus[index] * factor,
                                         calibration: calibrations[index] * factor, single: singles[index] * factor,
                                         jobs: 4, width: widths[index]))
        }
        for value in batch[.othersBusy] { result.append(value, to: .othersBusy) }
        for value in batch[.instructions] { result.append(value, to: .instructions) }
        return result
    }
}

/// A CPU benchmark whose samples come from `batches`, one batch per call of `measure`.
func syntheticBenchmark(_ model: String = "threads", width: Int = 2, counted: Bool = true,
                        batches: [SampleSet]) -> Benchmark {
    let source = BatchSource(batches)
    return Benchmark(id: BenchmarkID(job: "cpu", model: model), kind: .cpu, parameters: ["jobs": "4"], width: width,
                     instructionCommand: counted ? ["/bin/true"] : nil) { samples in
        source.next(into: &samples)
    }
}

/// Hands out synthetic observations one sample at a time.
///
/// `@unchecked Sendable` is safe: tests call it from one thread only.
final class BatchSource: @unchecked Sendable {
    private var pending: [SampleSet]
    private var index = 0

    init(_ batches: [SampleSet]) { pending = batches }

    /// Appends the next timed sample; after the warm-up sample of each batch.
    func next(into samples: inout SampleSet) {
        let batch = pending[min(index / 11, pending.count - 1)]
        let position = max(0, index % 11 - 1)  // the first of each 11 is the gate's warm-up
        index += 1
        for metric in [Metric.wallPerCal, .efficiency, .speedup, .wall, .cpu, .calibration] where !batch[metric].isEmpty {
            samples.append(batch[metric][position % batch[metric].count], to: metric)
        }
    }
}

/// A baseline entry from synthetic batches, as recording would write it.
func baselineEntry(_ batches: [SampleSet], limit: Double = 0.05, swift: String = HostProfile.compilerVersion)
    -> BenchmarkBaseline {
    let pooled = batches.dropFirst().reduce(batches[0]) { $0.merging($1) }
    var metrics: [String: MetricBaseline] = [:]
    for metric in [Metric.instructions, .wallPerCal, .efficiency] where !pooled[metric].isEmpty {
        metrics[metric.name] = MetricBaseline(samples: pooled[metric], tolerance: metric == .instructions ? 0.02 : limit,
                                              noise: 0, limit: metric == .instructions ? 0.02 : limit)
    }
    return BenchmarkBaseline(
        parameters: ["jobs": "4"],
        recorded: Provenance(commit: "abc1234", date: "2026-11-25", cpu: "test", cores: 2, swift: swift, calibration: 0.01),
        metrics: metrics, context: ["wall": 0.05])
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gate-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
