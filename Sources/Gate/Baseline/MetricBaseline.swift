/// The recorded reference for one metric of one benchmark.
public struct MetricBaseline: Encodable, Sendable, Hashable {
    public var unit: String
    public var direction: Metric.Direction
    /// Whether the metric may be compared against another host's baseline.
    public var hostIndependent: Bool
    public var median: Double
    /// Scaled MAD of ``samples``.
    public var mad: Double
    /// Relative run-to-run noise of batch medians, learned at rebaseline.
    public var noiseFloor: Double
    /// All recorded samples, pooled over batches.
    public var samples: [Double]
    /// Editable by a reviewer; kept on re-record.
    public var tolerance: Tolerance

    public init(unit: String, direction: Metric.Direction, hostIndependent: Bool, median: Double, mad: Double,
                noiseFloor: Double, samples: [Double], tolerance: Tolerance) {
        self.unit = unit
        self.direction = direction
        self.hostIndependent = hostIndependent
        self.median = median
        self.mad = mad
        self.noiseFloor = noiseFloor
        self.samples = samples
        self.tolerance = tolerance
    }
}
