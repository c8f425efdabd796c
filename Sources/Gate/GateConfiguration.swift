/// Every knob of the gate, in one place. Defaults are ``GateConfiguration/standard``;
/// tolerance presets live in `GateConfiguration+Presets.swift`.
///
/// Codable, so a team can keep its own in a file and review it like code.
public struct GateConfiguration: Codable, Sendable, Hashable {
    /// When measurements are written to the baseline file (`PERF_RECORD`).
    public enum RecordMode: String, Codable, Sendable, CaseIterable {
        /// Only check (the default).
        case never
        /// Record benchmarks that have no baseline yet; check the others.
        case missing
        /// Re-record everything (`make rebaseline`).
        case all
    }

    public var record: RecordMode = .never
    /// Compare with this commit, built and measured here, whatever the baselines say (`PERF_BASE`, `make compare BASE=`).
    public var base: String?
    /// Compare with this `bench`, already built from the reference (`PERF_REFERENCE_BENCH`): for a CI
    /// that builds its base branch in a job of its own. Wins over ``base``.
    public var referenceBench: String?
    /// Also fail on a significant improvement, so baselines never go stale (`PERF_RATCHET=1`).
    public var ratchet = false
    /// Significance level of the tests (signed-rank on pairs, Mann-Whitney on counts); intervals are 1 - alpha.
    /// (`PERF_ALPHA`).
    public var alpha = 0.01
    /// Trials (or interleaved pairs) per batch: 10, as many as XCTest's `measure` takes on Linux.
    public var samples = 10
    /// Timed samples per trial process, after one warm-up sample; the trial's
    /// value is their median. One: power comes from trials (fresh processes,
    /// the other build's beside them), not from samples within one (Laaber et
    /// al. 2019), and a second sample cost 40 % of `make perf`'s trials here
    /// (I/O suite 75 s, with one 41 s). Release, 3 trials x 3 samples of each
    /// parallel CPU model: first samples' utilization 0.84-1.00, later 0.86-1.00.
    public var trialSamples = 1
    /// Seconds one trial process may take before it is killed and reported.
    public var trialTimeout = 120.0
    /// Trials (pairs) a batch may grow to while the answer is "too noisy to tell".
    public var maximumTrials = 30
    /// Fewer trials than this, on either side, give `inconclusive`.
    public var minimumSamples = 5
    /// Batches measured per benchmark when recording; the noise is how far their
    /// medians lie apart, or lie apart on average (batches resampled from all
    /// their samples), whichever is wider.
    public var recordBatches = 3
    /// A limit is at least this many times the recorded noise.
    public var noiseMultiplier = 1.5
    /// Times a failure is judged again, each with a fresh batch of trials added
    /// to the ones before; it is reported only if it fails every time.
    public var confirmations = 1
    /// Seconds to wait before each confirming batch.
    public var confirmationPause = 2.0
    /// Seconds the whole run may spend waiting for other processes to stop,
    /// shared by every benchmark: a neighbour that stays busy gets named, not waited out.
    public var quietWaitBudget = 60.0
    /// A sample is busy when others used more than the cores the benchmark
    /// leaves free plus this many cores.
    public var busyMargin = 0.5
    /// A verdict rests on busy samples when more than this share of them were busy.
    public var busyShare = 0.3
    /// valgrind runs per batch. One: a count only ever errs upwards (workers
    /// spinning while they wait), and a count that fails is counted again when
    /// the failure is confirmed; recording takes the least of its three batches'.
    /// Each run costs ~0.7 s, a tenth of `make perf` per extra run.
    public var instructionRuns = 1
    /// Allocations per job a count may grow by and pass. A run's count is an
    /// integer over its K jobs; what a pool does once per run (a thread
    /// started, a global made lazily) moves the least of 10 trials by 1/K to
    /// 2/K here (io.hybrid 80.75-82.75 per job over 8 runs), while one
    /// allocation more per job moves it by 1.
    public var allocationSlack = 0.5
    /// Relative tolerances per metric, by kind of benchmark.
    public var tolerances = TolerancePresets.standard
    /// What each model promises by design, checked without a baseline.
    public var promises = Promises.standard

    public init() {}
}

/// Relative tolerances, metric name to fraction (0.05 = 5 %).
public struct Tolerances: Codable, Sendable, Hashable {
    public var relative: [String: Double]

    public init(_ relative: [Metric: Double]) {
        self.relative = Dictionary(uniqueKeysWithValues: relative.map { ($0.key.name, $0.value) })
    }

    /// The tolerance of `metric`; 10 % where none is set.
    public subscript(metric: Metric) -> Double { relative[metric.name] ?? 0.10 }
}

/// The tolerance presets the gate picks from for each benchmark.
public struct TolerancePresets: Codable, Sendable, Hashable {
    /// Release build, a model that runs on one thread (or an I/O benchmark).
    public var singleThread: Tolerances
    /// Release build, a model that runs CPU jobs on several cores.
    public var parallel: Tolerances
    /// Debug build, any model.
    public var debug: Tolerances

    /// The preset for a benchmark `width` cores wide in this build.
    public func preset(width: Int, debugBuild: Bool) -> Tolerances {
        debugBuild ? debug : width > 1 ? parallel : singleThread
    }
}

/// Baseline-free expectations: what is physically possible, and what each
/// kind of model promises by design. A broken promise fails like a regression.
public struct Promises: Codable, Sendable, Hashable {
    /// Efficiency above this is impossible for a one-thread model (measurement noise allowed).
    public var maximumOneThreadEfficiency = 1.10
    /// Efficiency above this is impossible for a parallel model.
    public var maximumParallelEfficiency = 1.05
    /// A one-thread model (eventLoop, gil) runs CPU jobs at about serial's speed.
    public var minimumOneThreadEfficiency = 0.85
    /// A parallel model keeps its cores at least this busy (``Metric/utilization``).
    public var minimumUtilization = 0.75
    /// A process cannot use more CPU than its cores give (clock granularity allowed).
    public var maximumUtilization = 1.05
    /// I/O cannot finish before the server's delay (timer slack allowed).
    public var minimumVsIdeal = 0.98
    /// I/O takes at most this many times its ideal: one delay per wave of requests the model can have in flight.
    public var maximumVsIdealPerWave = 1.35
    /// A mixed run's ideal rests on one job's computing timed alone just before;
    /// 20 % below it means that yardstick, not the model, was off.
    public var minimumMixedVsIdeal = 0.8

    public init() {}
}

extension Promises {
    /// The defaults.
    public static let standard = Promises()
}
