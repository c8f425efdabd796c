#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CPU-bound job: count the primes below `limit`.
///
/// The article runs K identical jobs, one per worker; each is a full count.
public struct PrimeJob: Sendable, Hashable, Codable {
    /// Primes are counted in `2..<limit`.
    public var limit: Int

    /// Extra work as a fraction of the job (0.1 = 10 % more), used only by the
    /// gate's self-test to prove that it catches a slowdown. The result is unchanged.
    public var extraWork: Double

    public init(limit: Int, extraWork: Double = PrimeJob.selfTestSlowdown) {
        self.limit = limit
        self.extraWork = extraWork
    }

    /// Runs the job on the calling thread and returns the prime count.
    public func run() -> Int {
        let count = countPrimes(below: limit)
        if extraWork > 0 { _ = blackHole(countPrimes(below: extraLimit)) }
        return count
    }

    /// Counting below `m` costs about `(m / limit)^1.5` of counting below `limit`,
    /// so `limit · extraWork^(2/3)` adds `extraWork` of the job's time.
    var extraLimit: Int {
        Int(Double(limit) * pow(extraWork, 2.0 / 3.0))
    }

    /// The slowdown asked for by `KIT_SELFTEST_SLOWDOWN` (a percentage), or 0.
    ///
    /// Read only by `make gate-selftest`; nothing else sets it.
    public static let selfTestSlowdown: Double = {
        guard let text = environmentValue("KIT_SELFTEST_SLOWDOWN"),
              let percent = Double(text), percent > 0, percent.isFinite
        else { return 0 }
        return percent / 100
    }()
}

/// Keeps the optimiser from deleting work whose result is unused.
@inline(never)
public func blackHole<T>(_ value: T) -> T { value }
