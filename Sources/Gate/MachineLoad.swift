import Foundation

/// How much CPU everything but this process (and its children) used: other
/// processes, and steal time, the hypervisor running other VMs on our cores.
///
/// The gate records it beside every sample, so a verdict that rests on
/// samples taken while a neighbour was busy says so instead of failing.
/// Linux only (`/proc/stat`); elsewhere it reads 0.
public enum MachineLoad {
    /// A reading point: the machine's busy seconds and our own CPU seconds.
    public struct Mark: Sendable {
        var machineBusy: Double?
        var own: Double
        var wall: Double

        /// Now.
        public static func now() -> Mark {
            Mark(machineBusy: machineBusySeconds(), own: ownCPUSeconds(), wall: Double(DispatchTime.now().uptimeNanoseconds) / 1e9)
        }

        /// Cores' worth of CPU others used since this mark.
        ///
        /// `/proc/stat` counts in scheduler ticks (10 ms), so a 100 ms window
        /// reads to about ±0.2 cores; the gate's threshold is well above that.
        public func othersBusySince() -> Double {
            let end = Mark.now()
            guard let before = machineBusy, let after = end.machineBusy, end.wall > wall else { return 0 }
            return max(0, (after - before) - (end.own - own)) / (end.wall - wall)
        }
    }

    /// Cores' worth of CPU others use over the next `seconds`.
    public static func othersBusy(over seconds: Double) -> Double {
        let mark = Mark.now()
        Thread.sleep(forTimeInterval: seconds)
        return mark.othersBusySince()
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

    /// CPU seconds of this process and its reaped children.
    static func ownCPUSeconds() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF, RUSAGE_CHILDREN] {
            var usage = rusage()
            getrusage(__rusage_who_t(who.rawValue), &usage)
            total += Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return total
    }
}
