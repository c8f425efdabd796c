import Workloads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock and CPU time of a piece of work, CPU time including the
/// children it reaped (the `processes` model's workers).
public struct Timing: Sendable, Hashable {
    /// Elapsed seconds.
    public var wall: Double
    /// User + system seconds of this process and its reaped children.
    public var cpu: Double

    public init(wall: Double, cpu: Double) {
        self.wall = wall
        self.cpu = cpu
    }
}

/// Reads the clocks `Timing` is made of: ``MonotonicClock`` and `getrusage`
/// (microseconds, unlike /proc's 10 ms ticks).
public enum Stopwatch {
    /// Runs `body` and returns its result with how long it took.
    public static func time<T>(_ body: () throws -> T) rethrows -> (T, Timing) {
        let start = reading()
        let value = try body()
        let end = reading()
        return (value, Timing(wall: end.wall - start.wall, cpu: end.cpu - start.cpu))
    }

    /// Async variant of `time(_:)`.
    public static func time<T>(_ body: () async throws -> T) async rethrows -> (T, Timing) {
        let start = reading()
        let value = try await body()
        let end = reading()
        return (value, Timing(wall: end.wall - start.wall, cpu: end.cpu - start.cpu))
    }

    /// Seconds on the monotonic clock, and CPU seconds used so far.
    public static func reading() -> (wall: Double, cpu: Double) {
        (Double(MonotonicClock.now()) * 1e-9, cpuSeconds(RUSAGE_SELF) + cpuSeconds(RUSAGE_CHILDREN))
    }

    /// CPU seconds the calling thread has used: what it ran, not what it waited for.
    public static func threadCPU() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    private static func cpuSeconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) * 1e-6
    }
}
