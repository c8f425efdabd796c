/// One mixed job, the article's third case: wait for I/O, then compute on
/// what arrived. A GET of `<base>/delay/<seconds>`, then a count of the
/// primes below `primes.limit`.
public struct MixedJob: Sendable, Hashable {
    public var request: DelayRequestJob
    public var primes: PrimeJob

    public init(request: DelayRequestJob, primes: PrimeJob) {
        self.request = request
        self.primes = primes
    }
}
