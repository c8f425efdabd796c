extension PrimeJob {
    /// How many numbers are tested between two checkpoints: small enough that a
    /// checkpoint comes well within the GIL's 5 ms switch interval, large enough
    /// that its cost (a clock read) vanishes in the job's time.
    public static let sliceLength = 2_048

    /// Runs the job in slices, calling `checkpoint` before each one, so a runner
    /// can stop a job at its deadline or hand a global lock to another thread.
    ///
    /// Same result as `run()`; `checkpoint` throwing stops the job.
    public func run<E: Error>(checkpoint: () throws(E) -> Void) throws(E) -> Int {
        try Self.slicedCount(below: limit, checkpoint: checkpoint)
    }

    static func slicedCount<E: Error>(below limit: Int, checkpoint: () throws(E) -> Void) throws(E) -> Int {
        var count = 0
        var start = 2
        while start < limit {
            try checkpoint()
            let end = min(start + sliceLength, limit)
            count += countPrimes(in: start..<end)
            start = end
        }
        return count
    }
}
