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
        if extraWork > 0 { _ = blackHole(countExtraSlices {}) }
        return count
    }

    /// The extra work: the job's own slices again, an evenly spread
    /// `extraWork` fraction of them (every 10th for 0.1), so the added time
    /// is that fraction of the job's whatever the slices cost.
    func countExtraSlices<E: Error>(checkpoint: () throws(E) -> Void) throws(E) -> Int {
        var count = 0
        var index = 0.0
        var start = 2
        while start < limit {
            let end = min(start + Self.sliceLength, limit)
            // Slice i is repeated floor((i+1)·x) - floor(i·x) times.
            let repeats = Int(((index + 1) * extraWork).rounded(.down)) - Int((index * extraWork).rounded(.down))
            for _ in 0..<repeats {
                try checkpoint()
                count += countPrimes(in: start..<end)
            }
            index += 1
            start = end
        }
        return count
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
