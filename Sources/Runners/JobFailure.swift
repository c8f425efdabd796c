import Workloads

/// A job that did not produce a result: names the job, the model and the cause.
public struct JobFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why a job failed.
    public enum Cause: Error, Sendable, Hashable, CustomStringConvertible {
        /// The run's timeout passed before the job finished.
        case timedOut(Duration)
        /// The run was cancelled.
        case cancelled
        /// The HTTP request failed.
        case http(HTTPClientError)
        /// The child process failed (crash, bad exit, garbage, missing binary).
        case worker(String)

        public var description: String {
            switch self {
            case .timedOut(let limit): "timed out after \(limit.seconds.secondsText) s (raise the timeout with --timeout)"
            case .cancelled: "cancelled"
            case .http(let error): error.description
            case .worker(let reason): reason
            }
        }
    }

    /// Zero-based index of the job in its run.
    public var index: Int
    /// How many jobs the run had.
    public var count: Int
    public var model: ConcurrencyModel
    public var job: String
    public var cause: Cause

    public var description: String {
        "\(model) job \(index + 1) of \(count) (\(job)) failed: \(cause)"
    }
}
