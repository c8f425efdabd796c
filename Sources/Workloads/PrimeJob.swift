/// One CPU-bound job: count the primes below `limit`.
///
/// The article runs K identical jobs, one per worker; each is a full count.
public struct PrimeJob: Sendable, Hashable, Codable {
    /// Primes are counted in `2..<limit`.
    public var limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    /// Runs the job on the calling thread and returns the prime count.
    public func run() -> Int {
        countPrimes(below: limit)
    }
}

/// Keeps the optimiser from deleting work whose result is unused.
@inline(never)
public func blackHole<T>(_ value: T) -> T { value }
