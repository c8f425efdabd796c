import Foundation
@testable import Gate

/// A tiny seeded generator (SplitMix64): the same seed gives the same samples
/// on every machine, so statistical tests never flake.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal deviate (Box-Muller).
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// `count` samples around `median` with relative noise `cv`.
    mutating func samples(_ count: Int, median: Double, cv: Double) -> [Double] {
        (0..<count).map { _ in max(0, median * (1 + cv * normal())) }
    }

    /// Bimodal timings: each sample from one of two modes with equal chance,
    /// like a scheduler that sometimes places both threads on one core.
    mutating func bimodal(_ count: Int, low: Double, high: Double, cv: Double) -> [Double] {
        (0..<count).map { _ in
            let mode = Bool.random(using: &self) ? high : low
            return mode * (1 + cv * normal())
        }
    }
}

/// A fixed profile, so tests never depend on the machine they run on.
func testProfile(arch: String = "x86_64", cpu: String = "Test CPU", cores: Int = 2,
                 configuration: String = "release") -> HostProfile {
    HostProfile(os: "Linux Test 1", arch: arch, cpuModel: cpu, cores: cores, swiftVersion: "6.3",
                configuration: configuration)
}

/// A fresh empty directory under the system temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("gate-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A baseline for one metric, built the way `Gate.record` builds it.
func metricBaseline(_ samples: [Double], noiseFloor: Double = 0, tolerance: Tolerance = .time,
                    direction: Metric.Direction = .smallerIsBetter, unit: String = "s",
                    hostIndependent: Bool = false) -> MetricBaseline {
    MetricBaseline(unit: unit, direction: direction, hostIndependent: hostIndependent,
                   median: Statistics.median(samples) ?? 0, mad: Statistics.mad(samples) ?? 0,
                   noiseFloor: noiseFloor, samples: samples, tolerance: tolerance)
}

let cpuThreads = BenchmarkID(job: "cpu", model: "threads")
let cpuSerial = BenchmarkID(job: "cpu", model: "serial")
let standardParameters = ["limit": "300000", "jobs": "2"]

/// Three batches of wall and speedup samples around the given medians.
func batches(_ rng: inout SplitMix64, wall: Double, speedup: Double, cv: Double, count: Int = 3) -> [SampleSet] {
    (0..<count).map { _ in
        SampleSet([.wall: rng.samples(10, median: wall, cv: cv), .speedup: rng.samples(10, median: speedup, cv: cv)])
    }
}
