/// Default tolerances, per metric, in one place.
///
/// Written into a baseline when a metric is first recorded; after that the
/// baseline file's value wins, so a reviewer can edit it there.
///
/// Why these numbers (measured on a noisy 2-core VM, see platform-facts.md):
/// the serial job's wall time varies ~0.2 % within a run and ~1.7 % between
/// runs; two-thread runs drift up to ~6 %. The gate must catch +10 % on a
/// serial job and +25 % on parallel jobs, and the learned noise floor widens
/// the limit where a benchmark is noisier than these defaults assume.
extension Tolerance {
    /// Times: 5 % (above run-to-run drift of a serial job, below the 10 % to catch);
    /// 0.5 ms absolute, well above timer and scheduler-tick granularity.
    public static let time = Tolerance(relative: 0.05, absolute: 0.0005)
    /// Ratios: 10 %, since a ratio carries the noise of two timings; 0.05x absolute.
    public static let ratio = Tolerance(relative: 0.10, absolute: 0.05)
    /// Calibrated times: like times, without an absolute part (their unit is
    /// the calibration kernel's time, not seconds).
    public static let calibratedTime = Tolerance(relative: 0.05, absolute: 0)
    /// Instruction counts: 2 %. They move by well under 0.1 % between runs
    /// (start-up code sees the environment's size), so 2 % is all margin,
    /// and any slowdown worth catching is far beyond it.
    public static let count = Tolerance(relative: 0.02, absolute: 0)
    /// Anything the kit does not know: conservative.
    public static let fallback = Tolerance(relative: 0.10, absolute: 0)

    /// The default tolerance for a metric name.
    public static func `default`(for metric: String) -> Tolerance {
        switch metric {
        case Metric.wall.name, Metric.cpu.name, Metric.cpuPerJob.name: .time
        case Metric.speedup.name, Metric.vsIdeal.name: .ratio
        case Metric.instructions.name: .count
        case Metric.calibratedWall.name, Metric.calibratedCPU.name: .calibratedTime
        default: .fallback
        }
    }
}
