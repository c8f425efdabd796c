import Foundation

/// How much CPU everything but this process (and its children) used: other
/// processes, and steal time, the hypervisor running other VMs on our cores.
///
/// The gate records it beside every sample, so a verdict that rests on
/// samples taken while a neighbour was busy says so instead of failing.
/// Linux only (`/proc/stat`); elsewhere it reads 0. The process's own CPU
/// and wall seconds come from the caller's clock (a trial's `Stopwatch`).
public enum MachineLoad {
    /// A reading point: the machine's busy seconds, our own CPU seconds and the wall clock.
    public struct Mark: Sendable {
        var machineBusy: Double?
        var own: Double
        var wall: Double

        /// Now, with this process's wall and CPU seconds (children included) as the caller's clock reads them.
        public init(_ reading: (wall: Double, cpu: Double)) {
            machineBusy = MachineLoad.machineBusySeconds()
            own = reading.cpu
            wall = reading.wall
        }

        /// Cores' worth of CPU others used from this mark to `end`.
        ///
        /// `/proc/stat` counts in scheduler ticks (10 ms), so a 100 ms window
        /// reads to about ±0.2 cores; the gate's threshold is well above that.
        public func othersBusy(until end: Mark) -> Double {
            guard let before = machineBusy, let after = end.machineBusy, end.wall > wall else { return 0 }
            return max(0, (after - before) - (end.own - own)) / (end.wall - wall)
        }
    }

    /// Cores' worth of CPU others use over the next `seconds`, while this process sleeps
    /// (its own CPU meanwhile is nil to the 10 ms ticks `/proc/stat` counts in).
    static func othersBusy(over seconds: Double) -> Double {
        guard let before = machineBusySeconds() else { return 0 }
        Thread.sleep(forTimeInterval: seconds)
        guard let after = machineBusySeconds() else { return 0 }
        return max(0, after - before) / seconds
    }

    /// Busy seconds of all CPUs since boot: user, nice, system, irq, softirq, steal.
    static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return nil }
        // user nice system idle iowait irq softirq steal
        let busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
