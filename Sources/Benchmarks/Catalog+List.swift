import Foundation
import Gate
import Runners
import Workloads

/// Takes one timed sample and appends it (``SampleSet/append(_:)-(CPUObservation)``).
public typealias Sampler = (inout SampleSet) throws -> Void

extension Catalog {
    /// Every benchmark the gate judges, in the order the suites run them.
    public static var all: [Benchmark] {
        ConcurrencyModel.allCases.map(cpu) + ConcurrencyModel.allCases.map(io) + ConcurrencyModel.allCases.map(mixed)
            + SharedCounter.allCases.map(sharedState)
    }

    /// The benchmark called `id` (`"cpu.serial"`), if there is one.
    public static func benchmark(_ id: String) -> Benchmark? {
        all.first { $0.id.description == id }
    }

    /// What one sample of `id` does; `server` is the delay server for I/O and mixed jobs.
    static func sampler(_ id: BenchmarkID, server: HTTPURL) -> Sampler? {
        if id.job == "shared" { return SharedCounter(rawValue: id.model).map(sampleSharedState) }
        guard let model = ConcurrencyModel(name: id.model) else { return nil }
        switch id.job {
        case "cpu": return sampleCPU(model)
        case "io": return sampleIO(model, server: server)
        case "mixed": return sampleMixed(model, server: server)
        default: return nil
        }
    }

    /// This machine as stored timings must match it, its calibration the median of five runs here.
    public static let fingerprint = Fingerprint(
        cpu: Machine.cpu.summary, cores: Machine.current.summary, swift: Toolchain.swiftVersion,
        calibration: Statistics.median((0..<5).map { _ in Calibration.measure() }))

    /// The build under test: the `bench` beside this executable (the test
    /// bundle and `bench` share a build directory).
    public static var currentBuild: Build {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return Build(name: "current", bench: directory.appendingPathComponent("bench").path)
    }
}
