/// Names one benchmark: a job run under one concurrency model.
///
///     let id = BenchmarkID(job: "cpu", model: "threads")
///     print(id)  // cpu.threads
public struct BenchmarkID: Hashable, Codable, Comparable, Sendable, CustomStringConvertible {
    /// The job, e.g. `"cpu"` or `"io"`.
    public var job: String
    /// The concurrency model, e.g. `"threads"`.
    public var model: String

    public init(job: String, model: String) {
        self.job = job
        self.model = model
    }

    /// `job.model`: the key of this benchmark in a baseline file.
    public var description: String { "\(job).\(model)" }

    public static func < (lhs: BenchmarkID, rhs: BenchmarkID) -> Bool {
        (lhs.job, lhs.model) < (rhs.job, rhs.model)
    }
}
