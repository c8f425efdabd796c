/// The expected answer of the CPU job, from an independent algorithm.
///
/// A sieve, not the job's trial division: it agrees only if the kernel is
/// right, and it takes milliseconds where the kernel takes seconds, so a
/// large `--limit` does not spend a whole serial job before the first model starts.
enum ReferencePrimeCount {
    /// The number of primes below `limit`, by a sieve of Eratosthenes over odd numbers.
    static func count(below limit: Int) -> Int {
        guard limit > 3 else { return limit == 3 ? 1 : 0 }
        // Index i stands for the odd number 2i + 1; index 0 (the number 1) is not prime.
        let size = (limit - 1) / 2 + ((limit - 1) % 2)
        var composite = [Bool](repeating: false, count: size)
        var primes = 1  // 2
        composite.withUnsafeMutableBufferPointer { flags in
            flags[0] = true
            var i = 1
            while i < size {
                if !flags[i] {
                    primes += 1
                    let p = 2 * i + 1
                    var multiple = p * p
                    while multiple < limit {
                        flags[multiple / 2] = true
                        multiple += 2 * p
                    }
                }
                i += 1
            }
        }
        return primes
    }
}
