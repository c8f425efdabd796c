import Gate
import Runners

/// Everything one `bench` run measured: the input of every report.
struct ExperimentResult: Codable, Sendable {
    var schemaVersion = 1
    var host: HostSummary
    var parameters: Parameters
    var workloads: [WorkloadResult]
    /// The seed's Python on the same sizes (`--python`, `--article`), or why it did not run.
    var python: PythonComparison?
    var pythonNote: String?
    /// Set when the run was cut short: what the report lacks.
    var partial: String?

    struct Parameters: Codable, Sendable {
        var cpuJobs: Int
        var limit: Int
        var ioJobs: Int
        var delay: Double
        var mixedJobs: Int
        var mixedDelay: Double
        var mixedLimit: Int
        var rounds: Int
        var url: String
        var article: Bool
        /// The tables show allocations per job (`--allocations`).
        var allocations: Bool

        /// Jobs per run of `workload` ("cpu", "io", "mixed").
        func jobs(_ workload: String) -> Int {
            switch workload {
            case "cpu": cpuJobs
            case "io": ioJobs
            default: mixedJobs
            }
        }

        /// Seconds each GET of `workload` waits (0 for the CPU job).
        func delay(_ workload: String) -> Double {
            switch workload {
            case "cpu": 0
            case "io": delay
            default: mixedDelay
            }
        }
    }
}

/// One job kind (cpu, io or mixed) across the models.
struct WorkloadResult: Codable, Sendable {
    /// "cpu", "io" or "mixed".
    var workload: String
    /// What one run does, for table titles.
    var title: String
    /// The best time a run could take: serial time / min(cores, jobs) for CPU, one delay for I/O, one delay
    /// plus every job's computing spread over the cores for mixed.
    var ideal: Double?
    var models: [ModelResult]
    /// Why the "vs baseline" column is empty, or what went wrong reading it.
    var baselineNote: String?
}

/// One model's measurements on one job kind.
struct ModelResult: Codable, Sendable {
    var model: String
    var antiPattern: Bool
    /// Every measured round, in order.
    var samples: [Sample]
    /// `ok (...)` or `FAILED: ...`.
    var check: String
    var ok: Bool
    /// Change of the gate's portable ratio (CPU efficiency, I/O time over one delay) against the committed
    /// baseline, when one matches.
    var baselineChange: Double?

    struct Sample: Codable, Sendable {
        var wall: Double
        var cpu: Double
        /// Heap allocations per job of this process (its delay server included), when counted.
        var allocations: Double?
    }

    var walls: [Double] { samples.map(\.wall) }
    var medianWall: Double { Statistics.median(walls) ?? 0 }
    var medianCPU: Double { Statistics.median(samples.map(\.cpu)) ?? 0 }
    /// The least allocations per job of any round, as the gate judges them.
    var allocationsPerJob: Double? { samples.compactMap(\.allocations).min() }
    /// Sum of the rounds' wall times: what the article's `timeit(number: 3)` prints.
    var totalWall: Double { walls.reduce(0, +) }
    /// Half the distance between the fastest and slowest round, relative to the median.
    var spread: Double {
        guard let low = walls.min(), let high = walls.max(), medianWall > 0 else { return 0 }
        return (high - low) / 2 / medianWall
    }
}
