/// What the gate measures: one job under one concurrency model, as a value.
/// The gate settles the machine, runs trials of it (`bench sample ID` child
/// processes of the build under test and of the reference), decides, confirms
/// and reports; a harness only hands benchmarks over.
public struct Benchmark: Sendable {
    /// What kind of job, and so which ratios and promises apply.
    public enum Kind: Sendable, Hashable {
        /// CPU-bound: samples are ``CPUObservation``s.
        case cpu
        /// I/O-bound: samples are ``IOObservation``s; `waves` is how many
        /// delays one run takes by design (1 when every request is in flight at once).
        case io(waves: Int)
        /// Mixed (a GET, then computing): samples are ``MixedObservation``s.
        case mixed
        /// K jobs updating one shared value at once: samples are ``SharedStateObservation``s.
        case sharedState
    }

    public var id: BenchmarkID
    public var kind: Kind
    /// What is measured (sizes, kernels); recorded with the baseline, must match it.
    public var parameters: [String: String]
    /// Cores the model keeps busy: 1 for one-thread models and I/O, else min(jobs, cores).
    public var width: Int
    /// Cores the process may use (affinity mask and CPU quota): what a
    /// neighbour can take from it, and what the report says it had.
    public var cores: Int
    /// Cores its threads and processes run on, at least `width`: a neighbour
    /// on any of them competes with it (threads taking turns on one lock use
    /// one core's worth of CPU, on every core). Samples count as busy when
    /// others use more than the cores left over.
    public var exposure: Int
    /// Arguments of `bench` that run the benchmark's job once, whose
    /// instructions are counted under valgrind; `nil` when none is counted.
    public var instructionCommand: [String]?
    /// Metrics judged by their promise alone, never against the baseline, and why.
    public var promiseOnly: [String: String] = [:]

    public init(id: BenchmarkID, kind: Kind, parameters: [String: String], width: Int, cores: Int,
                exposure: Int? = nil, instructionCommand: [String]? = nil) {
        self.id = id
        self.kind = kind
        self.parameters = parameters
        self.width = width
        self.cores = cores
        self.exposure = max(width, exposure ?? width)
        self.instructionCommand = instructionCommand
    }

    /// Threads the calibration kernel runs on beside each sample: the model's
    /// width for CPU and shared-state jobs, one for I/O and mixed jobs.
    public var calibrationWidth: Int {
        switch kind {
        case .cpu, .sharedState: width
        case .io, .mixed: 1
        }
    }

    /// What a paired comparison judges for `metric`: its raw time where the
    /// calibration is one thread wide (``Metric/raw``), else the metric itself;
    /// CPU seconds always (no calibration width moves them).
    public func pairedMetric(_ metric: Metric) -> Metric {
        guard let raw = metric.raw, calibrationWidth == 1 || metric == .cpuPerCal else { return metric }
        return raw
    }

    /// The metrics judged for this kind of benchmark.
    public var judgedMetrics: [Metric] {
        switch kind {
        case .cpu: counted + [.wallPerCal, .cpuPerCal, .efficiency] + (width > 1 ? [.utilization] : [])
        case .io: counted + [.vsIdeal, .cpuPerRequestPerCal]
        case .mixed: counted + [.vsIdeal, .computePerCal]
        case .sharedState: counted + [.wallPerCal]
        }
    }

    /// Exact counts: instructions where a command counts them, allocations always.
    private var counted: [Metric] { (instructionCommand == nil ? [] : [.instructions]) + [.allocations] }

    /// Physical bounds and design promises of `metric`, from `promises`, when others
    /// used `othersBusy` cores' worth of CPU beside it and its CPUs ran one job
    /// alone `cpuSpread` apart (medians per sample): a one-thread model may run on
    /// the slowest or the fastest; a parallel one waits for the slowest.
    func bounds(of metric: Metric, _ promises: Promises, othersBusy: Double = 0, cpuSpread: Double = 0)
        -> (possible: ClosedRange<Double>?, promised: (range: ClosedRange<Double>, reason: String)?) {
        switch (kind, metric) {
        case (.cpu, .efficiency) where width == 1:
            // One job alone is averaged over the CPUs; the model's one thread may run on the slowest or the fastest.
            let widen = 1 + max(0, cpuSpread)
            let (low, high) = (promises.minimumOneThreadEfficiency / widen, promises.maximumOneThreadEfficiency * widen)
            let reason = "a one-thread model runs CPU jobs at about serial's speed"
                + (cpuSpread >= 0.01 ? " on any of CPUs \(Format.percent(cpuSpread, digits: 0)) apart" : "")
            return (0...high, (low...high, reason))
        case (.cpu, .efficiency):
            return (0...promises.maximumParallelEfficiency, nil)
        case (.cpu, .utilization):
            // A neighbour below the busy margin still takes CPU from the model's cores:
            // the model keeps busy what it leaves.
            let high = promises.maximumUtilization
            let taken = min(max(0, othersBusy - Double(max(0, cores - exposure))), Double(width) / 2)
            // Equal shares on n cores, one (1 + s) times slower: the others idle while it finishes,
            // so even a model that never idles uses (n + s) / (n (1 + s)) of them (debug cpu.tasks
            // read 0.7465 with its CPUs 70 % apart, a split evened by the slow CPU predicts 0.80).
            let (n, s) = (Double(width), max(0, cpuSpread))
            let uneven = (n + s) / (n * (1 + s))
            let apart = s >= 0.01 ? " on CPUs \(Format.percent(s, digits: 0)) apart" : ""
            guard taken >= 0.05 else {
                return (0...high, (promises.minimumUtilization * uneven...high,
                                   "a parallel model keeps its \(width) cores busy" + apart))
            }
            let left = Double(width) - taken
            return (0...high, (promises.minimumUtilization * left / Double(width) * uneven...high,
                               "a parallel model keeps busy the \(Format.short(left)) of its \(width) cores others left it"
                                   + apart))
        case (.io(let waves), .vsIdeal):
            let high = Double(waves) * promises.maximumVsIdealPerWave
            return (promises.minimumVsIdeal...Double.infinity,
                    (promises.minimumVsIdeal...high, "\(waves) wave(s) of requests take about \(waves) delay(s)"))
        case (.mixed, .vsIdeal):
            return (promises.minimumMixedVsIdeal...Double.infinity, nil)
        default:
            return (nil, nil)
        }
    }
}
