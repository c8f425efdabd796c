import Foundation

/// Waits until nothing but this process is using the CPUs, before the gate
/// measures.
///
/// Measured in fresh-clone CI runs here: the first performance tests after a
/// cold build ran 60-80 % slower for 10-20 s (the build's tail: dirty pages
/// being written back, compiler processes exiting), long enough to outlast
/// the gate's confirmations. Timing then says nothing about the code, so the
/// gate flushes the page cache (`sync`) and waits, up to a limit, for other
/// CPU use to stop. Linux only (`/proc/stat`); elsewhere it returns at once.
public enum QuietMachine {
    /// What the wait saw, for the report.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// Seconds spent waiting.
        public var waited: Double
        /// Cores' worth of CPU other processes used in the last window.
        public var othersBusy: Double
        /// Whether the machine went quiet before the limit.
        public var isQuiet: Bool
        /// For ``waitForSpeed(of:slack:limit:)``: how much slower the
        /// calibration ran than the reference at the end.
        public var slower: Double?

        public var description: String {
            if let slower {
                return isQuiet
                    ? String(format: "machine back to its baseline speed after %.1f s", waited)
                    : String(format: "machine still %.0f%% slower than when the baseline was recorded after %.0f s; measuring anyway",
                             slower * 100, waited)
            }
            return isQuiet
                ? String(format: "machine quiet after %.1f s", waited)
                : String(format: "machine still busy after %.0f s (others used %.0f%% of a core); measuring anyway", waited,
                         othersBusy * 100)
        }
    }

    /// Waits, up to `limit` seconds, until ``Calibration`` runs within
    /// `slack` of `reference` (the baseline's calibration centre): the
    /// machine is back to the speed the baseline was recorded at.
    ///
    /// Why: in fresh-clone CI runs here, the first tests after a cold build
    /// ran 60-90 % slower while no other process used the CPUs (the slowness
    /// was outside this VM), and stayed so for 10-20 s. Comparing with the
    /// baseline's own calibration is the one yardstick that sees it.
    public static func waitForSpeed(of reference: Double, slack: Double = 0.10, limit: Double = 30) -> Outcome {
        let start = Date()
        while true {
            let runs = (0..<10).map { _ in Calibration.measure() }
            let now = Statistics.centre(runs, direction: .smallerIsBetter) ?? reference
            let waited = Date().timeIntervalSince(start)
            let slower = now / reference - 1
            if slower <= slack { return Outcome(waited: waited, othersBusy: 0, isQuiet: true, slower: slower) }
            if waited >= limit { return Outcome(waited: waited, othersBusy: 0, isQuiet: false, slower: slower) }
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    /// Flushes dirty pages, then samples CPU use in `window`-second steps
    /// until other processes use less than `threshold` of one core, or
    /// `limit` seconds pass.
    public static func wait(threshold: Double = 0.10, window: Double = 0.5, limit: Double = 30) -> Outcome {
        sync()
        let start = Date()
        var busy = 0.0
        while true {
            guard let others = othersBusy(over: window) else {
                return Outcome(waited: 0, othersBusy: 0, isQuiet: true)  // no /proc/stat: nothing to wait for
            }
            busy = others
            let waited = Date().timeIntervalSince(start)
            if busy < threshold { return Outcome(waited: waited, othersBusy: busy, isQuiet: true) }
            if waited >= limit { return Outcome(waited: waited, othersBusy: busy, isQuiet: false) }
        }
    }

    /// Cores' worth of CPU used over `seconds` by everything but this process
    /// (and its children), steal time included; nil without `/proc/stat`.
    static func othersBusy(over seconds: Double) -> Double? {
        guard let before = machineBusySeconds() else { return nil }
        let ownBefore = ownCPUSeconds()
        let wallStart = Date()
        Thread.sleep(forTimeInterval: seconds)
        guard let after = machineBusySeconds() else { return nil }
        let elapsed = Date().timeIntervalSince(wallStart)
        let others = (after - before) - (ownCPUSeconds() - ownBefore)
        return max(0, others) / elapsed
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

    private static func ownCPUSeconds() -> Double {
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
