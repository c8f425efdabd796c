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

    public init(name: String, unit: String, direction: Direction, isHostIndependent: Bool) {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.isHostIndependent = isHostIndependent
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

    /// The metrics this kit knows, for documentation and tests.
    public static let known: [Metric] = [.wall, .cpu, .cpuPerJob, .speedup, .vsIdeal]
}
