/// One timed run of a CPU-bound benchmark, with the yardsticks taken beside it.
///
/// Only ratios of times taken within the same few hundred milliseconds are
/// judged, so every time here may be off by any factor the machine imposes
/// (a slower VM, a slow phase) without moving a verdict: ``GateTests`` checks
/// that multiplying all of them by one factor changes nothing.
public struct CPUObservation: Sendable, Hashable {
    /// Seconds the model took for all jobs.
    public var wall: Double
    /// CPU seconds the run used (process and children).
    public var cpu: Double
    /// Seconds the calibration kernel took on ``width`` threads at once, right before.
    public var calibration: Double
    /// CPU seconds one job took alone, right before, averaged over the CPUs the model may use.
    public var single: Double
    /// The slowest CPU's time for that job over the fastest's, minus 1.
    public var cpuSpread: Double
    /// Jobs per run (the article's K).
    public var jobs: Int
    /// Cores the model can keep busy: 1 for one-thread models, else min(jobs, cores).
    public var width: Int

    public init(wall: Double, cpu: Double, calibration: Double, single: Double, cpuSpread: Double = 0, jobs: Int, width: Int) {
        self.wall = wall
        self.cpu = cpu
        self.calibration = calibration
        self.single = single
        self.cpuSpread = cpuSpread
        self.jobs = jobs
        self.width = width
    }

    /// `single × jobs / wall`.
    public var speedup: Double { single * Double(jobs) / wall }
}

/// One timed run of an I/O-bound benchmark (K concurrent GETs of a delay).
public struct IOObservation: Sendable, Hashable {
    /// Seconds for all requests.
    public var wall: Double
    /// CPU seconds the run used.
    public var cpu: Double
    /// Seconds of the one-thread calibration kernel, right before.
    public var calibration: Double
    public var requests: Int
    /// Seconds the server waits before answering each request: a sleep, not
    /// machine speed, so `wall / delay` is comparable across machines.
    public var delay: Double

    public init(wall: Double, cpu: Double, calibration: Double, requests: Int, delay: Double) {
        self.wall = wall
        self.cpu = cpu
        self.calibration = calibration
        self.requests = requests
        self.delay = delay
    }
}

/// One timed run of a mixed benchmark: K jobs that each GET a delay, then compute.
public struct MixedObservation: Sendable, Hashable {
    /// Seconds for all jobs.
    public var wall: Double
    /// CPU seconds the run used.
    public var cpu: Double
    /// Seconds of the one-thread calibration kernel, right before.
    public var calibration: Double
    /// CPU seconds one job's computing took alone, right before, averaged over the CPUs the model may use.
    public var single: Double
    public var jobs: Int
    /// Cores the model can compute on: 1 for one-thread models, else min(jobs, cores).
    public var width: Int
    /// Seconds the server waits before answering each GET.
    public var delay: Double

    public init(wall: Double, cpu: Double, calibration: Double, single: Double, jobs: Int, width: Int, delay: Double) {
        self.wall = wall
        self.cpu = cpu
        self.calibration = calibration
        self.single = single
        self.jobs = jobs
        self.width = width
        self.delay = delay
    }

    /// One delay (every GET at once), then every job's computing spread over `width` cores.
    public var ideal: Double { delay + single * Double(jobs) / Double(max(width, 1)) }
}

/// One timed run of a shared-state benchmark: K jobs at once, each updating
/// one shared value M times (a lock, an atomic, an actor, ...).
public struct SharedStateObservation: Sendable, Hashable {
    /// Seconds for all K x M updates.
    public var wall: Double
    /// CPU seconds the run used.
    public var cpu: Double
    /// Seconds the calibration kernel took on K threads at once, right before:
    /// the jobs' threads compete for the same cores.
    public var calibration: Double

    public init(wall: Double, cpu: Double, calibration: Double) {
        self.wall = wall
        self.cpu = cpu
        self.calibration = calibration
    }
}

/// The machine's load is not part of an observation: the gate measures it
/// around every sample itself (``MachineLoad``), once.
extension SampleSet {
    /// Adds the observation's judged ratios and its raw times as context.
    public mutating func append(_ observation: CPUObservation) {
        append(observation.wall / observation.calibration, to: .wallPerCal)
        append(observation.cpu / (observation.calibration * Double(observation.width)), to: .cpuPerCal)
        append(observation.speedup / Double(observation.width), to: .efficiency)
        append(observation.cpu / (observation.wall * Double(observation.width)), to: .utilization)
        append(observation.speedup, to: .speedup)
        append(observation.single, to: .single)
        append(observation.cpuSpread, to: .cpuSpread)
        append(observation.wall, to: .wall)
        append(observation.cpu, to: .cpu)
        append(observation.calibration, to: .calibration)
    }

    /// Adds the observation's judged ratios and its raw times as context.
    public mutating func append(_ observation: IOObservation) {
        append(observation.wall / observation.delay, to: .vsIdeal)
        append(observation.cpu / Double(observation.requests) / observation.calibration, to: .cpuPerRequestPerCal)
        append(observation.wall, to: .wall)
        append(observation.cpu, to: .cpu)
        append(observation.calibration, to: .calibration)
    }

    /// Adds the observation's judged ratios and its raw times as context.
    public mutating func append(_ observation: MixedObservation) {
        append(observation.wall / observation.ideal, to: .vsIdeal)
        append(observation.single / observation.calibration, to: .computePerCal)
        append(observation.single, to: .single)
        append(observation.wall, to: .wall)
        append(observation.cpu, to: .cpu)
        append(observation.calibration, to: .calibration)
    }

    /// Adds the observation's judged ratio and its raw times as context.
    public mutating func append(_ observation: SharedStateObservation) {
        append(observation.wall / observation.calibration, to: .wallPerCal)
        append(observation.wall, to: .wall)
        append(observation.cpu, to: .cpu)
        append(observation.calibration, to: .calibration)
    }
}
