import Synchronization

/// A run's deadline and cancellation flag, checked by jobs between slices of work.
public final class JobControl: Sendable {
    private let deadline: ContinuousClock.Instant
    private let timeout: Duration
    private let cancelled = Atomic<Bool>(false)

    /// A control whose deadline is `timeout` from now.
    public init(timeout: Duration) {
        self.timeout = timeout
        self.deadline = .now + timeout
    }

    /// Makes every later `checkpoint()` throw `.cancelled`.
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    /// Whether the run was cancelled.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Time left before the deadline (zero when it has passed).
    public var remaining: Duration {
        max(.zero, deadline - .now)
    }

    /// Throws when the run was cancelled or its deadline has passed.
    public func checkpoint() throws(JobFailure.Cause) {
        if isCancelled { throw .cancelled }
        if ContinuousClock.now >= deadline { throw .timedOut(timeout) }
    }
}
