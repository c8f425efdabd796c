/// Settings shared by every runner.
public struct RunContext: Sendable {
    /// The longest a run may take; a job still running then fails with `.timedOut`.
    public var timeout: Duration
    /// The child process the `processes` model starts per job.
    public var worker: WorkerExecutable
    /// Stops the run when set (task cancellation sets it for you).
    public var cancellation: CancellationFlag

    public init(timeout: Duration = .seconds(60), worker: WorkerExecutable = .default,
                cancellation: CancellationFlag = CancellationFlag()) {
        self.timeout = timeout
        self.worker = worker
        self.cancellation = cancellation
    }
}
