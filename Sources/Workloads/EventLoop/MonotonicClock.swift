import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the clock of the event loop's timers, every `Timing` and the
/// calibration (deadlines and bench's pitfall tables use the standard `ContinuousClock`). Cheaper than `ContinuousClock.now` (23 ns vs 53 ns here) and an
/// integer, which the timer heap compares.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (boot).
    public static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// `duration` in whole nanoseconds, clamped to 0 for negative durations.
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let total = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        return total >= Double(UInt64.max / 2) ? UInt64.max / 2 : UInt64(total.rounded(.up))
    }

    /// The deadline `duration` from now.
    public static func deadline(after duration: Duration) -> UInt64 {
        now() &+ nanoseconds(duration)
    }
}
