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

    /// `count` CPU observations of a model `width` wide whose job is `slowdown` slower than recorded.
    mutating func cpuBatch(width: Int, slowdown: Double = 0, count: Int = 10, scale: Double = 1) -> SampleSet {
        var batch = SampleSet()
        for _ in 0..<count {
            let single = noisy(speed * 2.5 * (1 + slowdown)) * scale
            let wall = noisy(single * 4 / Double(width) * 1.02)
            batch.append(CPUObservation(wall: wall, cpu: noisy(single * 4), calibration: noisy(speed) * scale,
                                        single: single, jobs: 4, width: width))
            batch.append(12, to: .allocations)  // per job, as a real trial counts them
        }
        return batch
    }
}

/// A CPU benchmark value like the catalog's, without an instruction count.
func syntheticBenchmark(width: Int = 2, cores: Int = 2) -> Benchmark {
    Benchmark(id: BenchmarkID(job: "cpu", model: "threads"), kind: .cpu, parameters: ["jobs": "4"], width: width,
              cores: cores)
}

/// A stand-in for `bench`: a real executable (a shell script) whose `bench
/// sample` prints the next of `trials`, round and round, as a build's
/// `bench sample` prints its trial.
func fakeBench(_ name: String, trials: [SampleSet], parameters: [String: String] = ["jobs": "4"],
               id: String = "cpu.threads") throws -> Build {
    let directory = try temporaryDirectory()
    let lines = try trials.map { trial in
        String(decoding: try JSONEncoder().encode(TrialOutput(id: id, parameters: parameters, samples: trial)),
               as: UTF8.self)
    }
    try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("trials.jsonl"), atomically: true,
                                                     encoding: .utf8)
    let script = """
        #!/bin/sh
        d=$(dirname "$0"); n=$(cat "$d/count" 2>/dev/null || echo 0); echo $((n + 1)) > "$d/count"
        sed -n "$((n % \(lines.count) + 1))p" "$d/trials.jsonl"
        """
    let bench = directory.appendingPathComponent("bench")
    try script.write(to: bench, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bench.path)
    return Build(name: name, bench: bench.path)
}

/// Trials of `count` samples each, split from `samples` (a trial's value is its samples' median).
func trials(_ samples: SampleSet, each count: Int = 1) -> [SampleSet] {
    let total = samples[.wallPerCal].count
    return stride(from: 0, to: total, by: count).map { start in
        var trial = SampleSet()
        for metric in samples.metrics {
            for value in samples[metric][start..<min(start + count, total)] { trial.append(value, to: metric) }
        }
        trial.append(0, to: .othersBusy)
        return trial
    }
}

/// This machine, as the tests' baselines record it.
let testMachine = Fingerprint(cpu: "TestVendor family 1 model 2 stepping 3, 1000 MHz (Test CPU)", cores: "2 cores (CPUs 0-1)",
                              swift: Toolchain.swiftVersion, calibration: 0.01)

/// A baseline entry from synthetic samples, as recording would write it, recorded on `machine`.
func baselineEntry(_ samples: SampleSet, tolerance: Double = 0.05, machine: Fingerprint = testMachine) -> BenchmarkBaseline {
    var metrics: [String: MetricBaseline] = [:]
    for metric in [Metric.wallPerCal, .cpuPerCal, .efficiency] where !samples[metric].isEmpty {
        metrics[metric.name] = MetricBaseline(samples: samples[metric], tolerance: tolerance, noise: 0)
    }
    return BenchmarkBaseline(parameters: ["jobs": "4"], recorded: Provenance(commit: "abc1234", date: "2026-11-25", machine: machine),
                             metrics: metrics, context: ["wall": 0.05])
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gate-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
