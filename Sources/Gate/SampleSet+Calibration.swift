extension Metric {
    /// The calibrated counterpart of a time metric, if it has one.
    public var calibrated: Metric? {
        switch name {
        case Metric.wall.name: .calibratedWall
        case Metric.cpu.name: .calibratedCPU
        default: nil
        }
    }
}

extension SampleSet {
    /// This batch plus a calibrated copy of each time metric: every sample
    /// divided by the centre of the batch's ``Metric/calibration`` samples.
    ///
    /// One divisor per batch, not one per sample: a single 6 ms calibration
    /// run jitters ~10 % by itself, its batch centre ~2 %. Measured on the
    /// serial job, batch centres divided this way moved 2.5 % (CV) over ten
    /// minutes, divided sample by sample 3.9 %, not divided at all 7.6 %.
    ///
    ///     var batch = SampleSet()
    ///     batch.append(0.006, to: .calibration)
    ///     batch.append(0.084, to: .wall)
    ///     batch.calibrated()["calibratedWall"]   // [14.0]
    ///
    /// Returns the batch unchanged when it has no calibration samples.
    public func calibrated() -> SampleSet {
        guard let yardstick = Statistics.centre(self[Metric.calibration.name], direction: .smallerIsBetter),
              yardstick > 0
        else { return self }
        var result = self
        for name in metricNames {
            // Already calibrated (a second call) keeps its samples as they are.
            guard let metric = metrics[name], let calibrated = metric.calibrated, self[calibrated.name].isEmpty
            else { continue }
            for value in self[name] { result.append(value / yardstick, to: calibrated) }
        }
        return result
    }
}
