import Testing
import Workloads

@Suite("Prime counting")
struct PrimeCountingTests {
    /// π(N): the number of primes below N, from the standard table.
    @Test("π(N) matches the known table", arguments: [
        (10, 4), (100, 25), (1_000, 168), (10_000, 1_229), (100_000, 9_592), (1_000_000, 78_498),
    ])
    func knownTable(limit: Int, expected: Int) {
        #expect(countPrimes(below: limit) == expected)
    }

    @Test("edge cases N = 0, 1, 2, 3", arguments: [(0, 0), (1, 0), (2, 0), (3, 1)])
    func edgeCases(limit: Int, expected: Int) {
        #expect(countPrimes(below: limit) == expected)
    }

    @Test("the article's N = 15000 gives 1754")
    func articleSize() {
        #expect(countPrimes(below: 15_000) == 1_754)
    }

    @Test("isPrime on small numbers and squares of primes")
    func isPrimeCases() {
        #expect(!isPrime(-7))
        #expect(!isPrime(0))
        #expect(!isPrime(1))
        #expect(isPrime(2))
        #expect(!isPrime(4))
        #expect(!isPrime(9))
        #expect(!isPrime(49))
        #expect(isPrime(7_919))
        #expect(!isPrime(7_919 * 7_919))
    }

    @Test("sliced run gives the same count as the plain kernel", arguments: [0, 2, 2_049, 100_000])
    func slicedRun(limit: Int) {
        var slices = 0
        let count = PrimeJob(limit: limit).run { slices += 1 }
        #expect(count == countPrimes(below: limit))
        #expect(slices == (max(0, limit - 2) + PrimeJob.sliceLength - 1) / PrimeJob.sliceLength)
    }
}
