/// The samples of one measurement batch: metric name to values, in
/// measurement order. Timed metrics have one value per observation, at the
/// same index; instruction counts have their own.
///
///     var batch = SampleSet()
///     batch.append(CPUObservation(wall: 0.05, cpu: 0.1, calibration: 0.012, single: 0.024, jobs: 4, width: 2))
///     batch[.efficiency]   // [0.96]
public struct SampleSet: Sendable, Hashable {
    /// Metric name to samples.
    public private(set) var values: [String: [Double]] = [:]

    public init() {}

    /// A batch with the given samples per metric (tests, synthetic data).
    public init(_ samples: [Metric: [Double]]) {
        for (metric, values) in samples { self.values[metric.name] = values }
    }

    /// Adds one sample of `metric`.
    public mutating func append(_ value: Double, to metric: Metric) {
        values[metric.name, default: []].append(value)
    }

    /// The samples of a metric, empty if none.
    public subscript(metric: Metric) -> [Double] { values[metric.name] ?? [] }

    /// Metrics with at least one sample, in ``Metric/all`` order.
    public var metrics: [Metric] { Metric.all.filter { !self[$0].isEmpty } }

    /// This batch with every value of `other` appended (a confirmation's pooled view).
    public func merging(_ other: SampleSet) -> SampleSet {
        var result = self
        for (name, more) in other.values { result.values[name, default: []] += more }
        return result
    }
}
