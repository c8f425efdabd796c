/// Settings shared by every runner.
public struct RunContext: Sendable {
    /// The longest a run may take; a job still running then fails with `.timedOut`.
    public var timeout: Duration
    /// The child process the `processes` model starts per job.
    public var worker: WorkerExecutable

    public init(timeout: Duration = .seconds(60), worker: WorkerExecutable = .default) {
        self.timeout = timeout
        self.worker = worker
    }
}
