/// The article's CPU-bound kernel: naive trial division, kept naive on purpose.
///
/// It is the workload, not something to optimise: the kit measures how each
/// concurrency model runs this exact code.

/// Whether `n` is prime, by dividing it by every integer in `2...floor(sqrt(n))`.
///
///     isPrime(7)   // true
///     isPrime(9)   // false
///
/// - Complexity: O(√n).
@inlinable
public func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var divisor = 2
    while divisor * divisor <= n {
        if n % divisor == 0 { return false }
        divisor += 1
    }
    return true
}

/// The number of primes in `2..<limit`: the article's `cpu_bound_task(n)`.
///
///     countPrimes(below: 100)   // 25
///
/// - Complexity: O(limit · √limit).
public func countPrimes(below limit: Int) -> Int {
    countPrimes(in: 2..<max(2, limit))
}

/// The number of primes in `range`, so a job can be cut into slices
/// (the GIL emulation checks for a switch request between slices).
public func countPrimes(in range: Range<Int>) -> Int {
    var count = 0
    for n in range where isPrime(n) {
        count += 1
    }
    return count
}
