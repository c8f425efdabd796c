/// The samples of one measurement batch: metric name to values (10 typically).
///
///     var samples = SampleSet()
///     samples.append(0.0214, to: .wall)
///     samples.append(1.93, to: .speedup)
public struct SampleSet: Sendable, Hashable {
    /// Metric name to samples, in measurement order.
    public private(set) var values: [String: [Double]] = [:]
    /// Metric name to its descriptor.
    public private(set) var metrics: [String: Metric] = [:]

    public init() {}

    /// A batch with the given samples per metric.
    public init(_ samples: [Metric: [Double]]) {
        for (metric, values) in samples {
            for value in values { append(value, to: metric) }
        }
    }

    /// Adds one sample of `metric`.
    public mutating func append(_ value: Double, to metric: Metric) {
        metrics[metric.name] = metric
        values[metric.name, default: []].append(value)
    }

    /// The samples of a metric, empty if none.
    public subscript(name: String) -> [Double] { values[name] ?? [] }

    /// Metric names in a stable order.
    public var metricNames: [String] { values.keys.sorted() }
}
