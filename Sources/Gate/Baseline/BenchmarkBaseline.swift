/// The recorded reference for one benchmark: its parameters and metrics.
public struct BenchmarkBaseline: Encodable, Sendable, Hashable {
    /// What was measured (job size, job count, ...). A check with other
    /// parameters is an error: the numbers would not be comparable.
    public var parameters: [String: String]
    /// Metric name to its baseline.
    public var metrics: [String: MetricBaseline]

    public init(parameters: [String: String], metrics: [String: MetricBaseline]) {
        self.parameters = parameters
        self.metrics = metrics
    }
}
