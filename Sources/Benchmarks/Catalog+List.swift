import Foundation
import Gate
import Runners
import Workloads

/// Takes one timed sample and appends it (``SampleSet/append(_:)-(CPUObservation)``).
public typealias Sampler = (inout SampleSet) throws -> Void

/// A timed sample, or a trial's warm-up: the same code, models, pools and
/// children on a tenth of the work (prime limits and increments / 10, GETs of
/// `/delay/0`), so a trial pays ~10 % of a sample, not a whole one, to start.
enum SampleSize {
    case timed, warmUp

    func primes(_ limit: Int) -> Int { self == .timed ? limit : max(2, limit / 10) }
    func increments(_ count: Int) -> Int { self == .timed ? count : max(1, count / 10) }
    func delay(_ seconds: Double) -> Double { self == .timed ? seconds : 0 }
}

extension Catalog {
    /// Every benchmark the gate judges, in the order the suites run them.
    public static var all: [Benchmark] {
        let models = (ConcurrencyModel.allCases.map(cpu) + ConcurrencyModel.allCases.map(io)
            + ConcurrencyModel.allCases.map(mixed)).map { benchmark in
            guard benchmark.id.model == ConcurrencyModel.processes.rawValue else { return benchmark }
            var benchmark = benchmark
            // Not a property of the code: 36-41.75 (CPU), 88.75-98.25 (I/O, mixed) per job over 8 trials each.
            benchmark.promiseOnly[Metric.allocations.name] = "the parent's count moves ~5 % between runs "
                + "(it reads its children's pipes as bytes arrive); children's own allocations are not counted"
            return benchmark
        }
        return models + SharedCounter.allCases.map(sharedState)
    }

    /// The benchmark called `id` (`"cpu.serial"`), if there is one.
    public static func benchmark(_ id: String) -> Benchmark? {
        all.first { $0.id.description == id }
    }

    /// What one sample of `id` does; `server` is the delay server for I/O and mixed jobs.
    static func sampler(_ id: BenchmarkID, server: HTTPURL, size: SampleSize = .timed) -> Sampler? {
        if id.job == "shared" { return SharedCounter(rawValue: id.model).map { sampleSharedState($0, size) } }
        guard let model = ConcurrencyModel(name: id.model) else { return nil }
        switch id.job {
        case "cpu": return sampleCPU(model, size)
        case "io": return sampleIO(model, server: server, size)
        case "mixed": return sampleMixed(model, server: server, size)
        default: return nil
        }
    }

    /// Runs the calling thread, and every trial it starts from now on, of
    /// either build, on as many CPUs as a CPU quota's cores
    /// (``Machine/confinedToQuota()``). The gate's process does it, not only
    /// `bench`: a reference commit's `bench` that does not confine itself
    /// read cpu.tasks' wall 69 ms against the confined build's 87 ms under a
    /// 1-CPU quota, a false +30 % REGRESSION in every parallel model. The
    /// catalog's machine is read before, so reports name the machine as found.
    public static func confineToQuota() {
        machine.confinedToQuota()
    }

    /// This machine, as baselines record it and reports name it.
    public static let fingerprint = Fingerprint(cpu: Machine.cpu.summary, cores: machine.summary,
                                                swift: Toolchain.swiftVersion)

    /// The build under test: the `bench` beside this executable (the test
    /// bundle and `bench` share a build directory).
    public static var currentBuild: Build {
        let directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return Build(name: "current", bench: directory.appendingPathComponent("bench").path)
    }
}
