/// Describes one measured quantity: its name, unit and which way is better.
public struct Metric: Hashable, Codable, Sendable {
    /// Which way of change is good news.
    public enum Direction: String, Codable, Sendable, CaseIterable {
        case smallerIsBetter
        case largerIsBetter
    }

    /// The key in samples and baselines, e.g. `"wall"`.
    public var name: String
    /// The unit shown in reports, e.g. `"s"` or `"x"`.
    public var unit: String
    public var direction: Direction
    /// Ratios (speedup, time over ideal) carry over between machines;
    /// absolute times do not, so only these are checked against another host.
    public var isHostIndependent: Bool
    /// Whether the gate decides on it. Context metrics (``calibration``) are
    /// recorded and reported, never judged: a slow machine is not a regression.
    public var isGated: Bool

    public init(name: String, unit: String, direction: Direction, isHostIndependent: Bool, isGated: Bool = true) {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.isHostIndependent = isHostIndependent
        self.isGated = isGated
    }

    /// Wall-clock time of one run, in seconds.
    public static let wall = Metric(name: "wall", unit: "s", direction: .smallerIsBetter, isHostIndependent: false)
    /// Process CPU time of one run (getrusage), in seconds.
    public static let cpu = Metric(name: "cpu", unit: "s", direction: .smallerIsBetter, isHostIndependent: false)
    /// CPU time divided by the number of jobs, in seconds.
    public static let cpuPerJob = Metric(name: "cpuPerJob", unit: "s", direction: .smallerIsBetter, isHostIndependent: false)
    /// Serial time over this model's time.
    public static let speedup = Metric(name: "speedup", unit: "x", direction: .largerIsBetter, isHostIndependent: true)
    /// Measured time over the ideal time for the core count (1 = perfect).
    public static let vsIdeal = Metric(name: "vsIdeal", unit: "x", direction: .smallerIsBetter, isHostIndependent: true)

    /// Instructions one job executes, counted by valgrind: the same on every
    /// run of the same binary, so even a small change is real. Not carried to
    /// other hosts: another Swift or C library executes other instructions.
    public static let instructions = Metric(name: "instructions", unit: "instr", direction: .smallerIsBetter,
                                            isHostIndependent: false)
    /// How long one run of ``Calibration`` took next to each sample, in
    /// seconds: the machine's speed at that moment. Context, not gated.
    public static let calibration = Metric(name: "calibration", unit: "s", direction: .smallerIsBetter,
                                           isHostIndependent: false, isGated: false)
    /// ``wall`` in units of the batch's calibration time ("cal"): the time with
    /// the machine's drift divided out (see ``SampleSet/calibrated()``).
    public static let calibratedWall = Metric(name: "calibratedWall", unit: "cal", direction: .smallerIsBetter,
                                              isHostIndependent: false)
    /// ``cpu`` in units of the batch's calibration time.
    public static let calibratedCPU = Metric(name: "calibratedCPU", unit: "cal", direction: .smallerIsBetter,
                                             isHostIndependent: false)

    /// The metrics this kit knows, for documentation and tests.
    public static let known: [Metric] = [
        .wall, .cpu, .cpuPerJob, .speedup, .vsIdeal, .calibration, .calibratedWall, .calibratedCPU, .instructions,
    ]
}
