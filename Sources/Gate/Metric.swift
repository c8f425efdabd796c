/// One measured quantity: its name, unit, which way is better, and whether
/// the gate judges it.
///
/// Judged: counts, times divided by a calibration taken beside them, and
/// ratios within one run; against a reference measured here, raw seconds too
/// (``raw``). Stored raw seconds are context only: they differ ~20 % between
/// VMs of one kind.
public struct Metric: Hashable, Sendable, CustomStringConvertible {
    /// Which way of change is good news.
    public enum Direction: String, Sendable, CaseIterable {
        case smallerIsBetter, largerIsBetter
    }

    /// The key in samples and baselines, e.g. `"wallPerCal"`.
    public var name: String
    /// The unit shown in reports.
    public var unit: String
    public var direction: Direction
    /// Judged; otherwise reported as context (a paired run may still judge its ``raw`` time).
    public var isJudged: Bool
    /// The same binary gives the same value on any machine (instruction counts):
    /// no significance test and no machine-load check apply.
    public var isDeterministic: Bool

    public var description: String { name }

    init(_ name: String, _ unit: String, _ direction: Direction = .smallerIsBetter,
         judged: Bool = true, deterministic: Bool = false) {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.isJudged = judged
        self.isDeterministic = deterministic
    }

    // MARK: Judged

    /// Instructions a run executes (valgrind), children included.
    public static let instructions = Metric("instructions", "instr", deterministic: true)
    /// Heap allocations per job of one run, every thread of the measuring
    /// process (children not): an exact count where the model's pools are,
    /// so the least of the trials is judged, like instructions.
    public static let allocations = Metric("allocations", "allocs", deterministic: true)
    /// Wall time over a calibration run as wide as the model, taken right
    /// before it: a busy core or a slow VM slows both.
    public static let wallPerCal = Metric("wallPerCal", "cal")
    /// CPU seconds of a run (children included) over the calibration's, taken
    /// right before: the work a CPU job costs, whatever the scheduling. A paired
    /// comparison judges the CPU seconds themselves (``raw``): a slower kernel
    /// costs them in every model, while wall time in a parallel model also
    /// moves with where and when its threads run. Measured here, trials of
    /// unchanged code taken in pairs: the pair ratios of parallel models'
    /// wall times spread (sd) 9-17 %, of their CPU seconds 0.5-2.4 %; with
    /// valgrind hidden, a kernel 10 % slower failed cpu.threads, .tasks,
    /// .dispatch and .hybrid in 0 of 10 runs judged by wall time alone.
    public static let cpuPerCal = Metric("cpuPerCal", "cal")
    /// Speedup over serial divided by the cores the model can use (1 = perfect).
    public static let efficiency = Metric("efficiency", "", .largerIsBetter)
    /// CPU time over wall time times the cores a parallel model can use:
    /// how busy it keeps them (1 = all of them, all the time). It needs no
    /// job timed alone, so a core that runs slower while its neighbour works
    /// (SMT siblings, a shared power budget: efficiency read 0.73 on a CI VM
    /// where this read 0.87) does not count against the model.
    public static let utilization = Metric("utilization", "", .largerIsBetter)
    /// Wall time over the ideal: for I/O one server delay (1 = every request
    /// at once); for mixed jobs one delay plus K jobs' computing spread over
    /// the cores the model can use.
    public static let vsIdeal = Metric("vsIdeal", "x")
    /// Mixed jobs: one job's computing alone over a one-thread calibration run
    /// taken right before it (the CPU half of the job, machine speed divided out).
    public static let computePerCal = Metric("computePerCal", "cal")
    /// I/O CPU time per request over a one-thread calibration run.
    public static let cpuPerRequestPerCal = Metric("cpuPerRequestPerCal", "cal")

    // MARK: Context

    /// Wall-clock seconds of one run.
    public static let wall = Metric("wall", "s", judged: false)
    /// Process CPU seconds of one run, children included.
    public static let cpu = Metric("cpu", "s", judged: false)
    /// Seconds the calibration kernel took beside the sample: this machine's speed now.
    public static let calibration = Metric("calibration", "s", judged: false)
    /// One job alone times K over the model's time.
    public static let speedup = Metric("speedup", "x", .largerIsBetter, judged: false)
    /// Cores' worth of CPU that other processes (and the hypervisor: steal) used during the sample.
    public static let othersBusy = Metric("othersBusy", "cores", judged: false)
    /// CPU seconds one job took alone beside the sample, averaged over the CPUs the model may use.
    public static let single = Metric("single", "s", judged: false)
    /// How much longer one job alone took on the slowest of those CPUs than on the fastest (0.2: 20 %):
    /// a one-thread model runs on one of them, so its efficiency's bounds widen by it.
    public static let cpuSpread = Metric("cpuSpread", "%", judged: false)

    /// The raw time this ratio divides by a one-thread calibration; what a
    /// paired comparison judges instead, since the reference, measured beside
    /// it, already carries the machine. Measured here, same binary on both
    /// sides, 12 interleaved pairs: the one-thread kernel's pair ratios spread
    /// (sd 8-11 %) more than serial's wall (3.4 %), mixed.serial's job (1.0 %)
    /// or their ratios to it (6.4 %, 6.1 %). A calibration as wide as a
    /// parallel model is kept: it shares the model's cores (threads: wall
    /// sd 24 %, over the 2-wide kernel 11 %).
    public var raw: Metric? {
        switch self {
        case .wallPerCal: .wall
        case .cpuPerCal: .cpu
        case .computePerCal: .single
        case .cpuPerRequestPerCal: .cpu
        default: nil
        }
    }

    /// Every metric, judged first, for documentation, parsing and reports.
    public static let all: [Metric] = [
        .instructions, .allocations, .wallPerCal, .cpuPerCal, .efficiency, .utilization, .vsIdeal, .cpuPerRequestPerCal,
        .computePerCal,
        .wall, .cpu, .calibration, .speedup, .othersBusy, .single, .cpuSpread,
    ]

    /// The value a batch is judged by: the median, or for counts the least
    /// one (threads spinning while they wait only ever add instructions).
    public func centre(_ values: [Double]) -> Double? {
        isDeterministic ? values.min() : Statistics.median(values)
    }

    /// The known metric called `name`.
    public static func named(_ name: String) -> Metric? { all.first { $0.name == name } }
}
