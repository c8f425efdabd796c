#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The gate's yardstick: how fast this machine runs a fixed piece of CPU work
/// *right now*.
///
/// A shared VM's speed moves with its neighbours. Measured on the 2-core VM
/// this kit grew on: batch centres of the serial prime job moved up to 29 %
/// within ten minutes of unchanged code, and a baseline recorded in a slow
/// minute hid a 10 % regression. Timing this kernel next to every sample and
/// dividing by it cancels much of that (over those ten minutes the spread of
/// batch centres fell from 7.6 % to 2.5 %, CV), but not all: in some slow
/// phases the kernel slowed 10-20 % while the job did not, so the gate judges
/// raw and calibrated times together (``DecisionRule/decide(time:calibrated:policy:)``).
/// `bench drift` measures both on any machine.
///
/// The kernel is trial division, the prime job's own instruction mix (integer
/// division and a compare-and-branch loop), because a yardstick only cancels
/// slow phases that slow it down the same way: a gcd loop, measured against
/// the same job, did three times worse. It is a copy that lives here, not a
/// call into `Workloads`, so a regression in the measured code never moves
/// the yardstick with it.
public enum Calibration {
    /// Names the kernel and its size. Benchmarks record it with their
    /// parameters: a different kernel gives different calibrated numbers, and
    /// the gate then asks for a rebaseline instead of comparing them.
    public static let version = "trial-division-2..<100000"

    /// The numbers the kernel tests: ~6 ms in release on the VM above, ~10 ms in debug.
    static let range = 2..<100_000

    /// Primes in ``range``: the kernel's answer, so a broken kernel is caught
    /// instead of timed.
    static let expectedCount = 9_592

    /// Runs the kernel once and returns its wall-clock time in seconds.
    ///
    /// - Precondition: The kernel computed ``expectedCount`` (it always does
    ///   unless the code above was changed).
    public static func measure() -> Double {
        let start = monotonicSeconds()
        let count = countPrimes(in: range)
        let seconds = monotonicSeconds() - start
        precondition(count == expectedCount, "calibration kernel counted \(count) primes, expected \(expectedCount)")
        return seconds
    }

    /// Trial division, written out again on purpose (see the type's comment).
    @inline(never)
    static func countPrimes(in range: Range<Int>) -> Int {
        var count = 0
        for candidate in range where isPrime(candidate) {
            count += 1
        }
        return count
    }

    @inline(never)
    private static func isPrime(_ n: Int) -> Bool {
        if n < 2 { return false }
        var divisor = 2
        while divisor * divisor <= n {
            if n % divisor == 0 { return false }
            divisor += 1
        }
        return true
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
