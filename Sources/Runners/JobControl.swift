/// A run's deadline and cancellation flag, checked by jobs between slices of work.
public final class JobControl: Sendable {
    private let deadline: ContinuousClock.Instant
    private let timeout: Duration
    private let cancellation: CancellationFlag

    /// A control whose deadline is `timeout` from now.
    public init(timeout: Duration, cancellation: CancellationFlag = CancellationFlag()) {
        self.timeout = timeout
        self.deadline = .now + timeout
        self.cancellation = cancellation
    }

    /// The control of a run started now with `context`.
    public convenience init(_ context: RunContext) {
        self.init(timeout: context.timeout, cancellation: context.cancellation)
    }

    /// Makes every later `checkpoint()` throw `.cancelled`.
    public func cancel() {
        cancellation.cancel()
    }

    /// Whether the run was cancelled.
    public var isCancelled: Bool { cancellation.isCancelled }

    /// Time left before the deadline (zero when it has passed).
    public var remaining: Duration {
        max(.zero, deadline - .now)
    }

    /// Throws when the run was cancelled or its deadline has passed.
    public func checkpoint() throws(JobFailure.Cause) {
        RunProgress.checkpointPassed()
        if isCancelled { throw .cancelled }
        if ContinuousClock.now >= deadline { throw .timedOut(timeout) }
    }
}
