import Testing
@testable import Gate

@Suite("Decision rule")
struct DecisionRuleTests {
    let policy = GatePolicy()

    @Test func catchesTenPercentOnQuietSerialJob() {
        var rng = SplitMix64(seed: 1)
        let baseline = metricBaseline(rng.samples(30, median: 0.0214, cv: 0.002), noiseFloor: 0.005)
        let result = DecisionRule.decide(metric: "wall", baseline: baseline,
                                         current: rng.samples(10, median: 0.0214 * 1.10, cv: 0.002), policy: policy)
        #expect(result.verdict == .regression)
        #expect(abs((result.change ?? 0) - 0.10) < 0.01)
        #expect((result.pValue ?? 1) < 0.001)
    }

    @Test func reportsClearImprovement() {
        var rng = SplitMix64(seed: 2)
        let baseline = metricBaseline(rng.samples(30, median: 0.0214, cv: 0.002))
        let result = DecisionRule.decide(metric: "wall", baseline: baseline,
                                         current: rng.samples(10, median: 0.0214 * 0.85, cv: 0.002), policy: policy)
        #expect(result.verdict == .improvement)
    }

    @Test(arguments: [0.002, 0.02, 0.10])
    func pureNoiseRarelyLooksSignificant(cv: Double) {
        // 300 runs of unchanged code. One decision alone may be fooled at most
        // about alpha/2 of the time (the test's guarantee); the gate's
        // confirmation step (see GateCheckTests) then removes those.
        var regressions: [UInt64] = []
        for seed in 0..<300 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            let recorded = (0..<3).map { _ in rng.samples(10, median: 0.0216, cv: cv) }
            let baseline = metricBaseline(recorded.flatMap { $0 },
                                          noiseFloor: Statistics.batchMedianSpread(recorded) ?? 0)
            let result = DecisionRule.decide(metric: "wall", baseline: baseline,
                                             current: rng.samples(10, median: 0.0216, cv: cv), policy: policy)
            if result.verdict == .regression { regressions.append(seed) }
        }
        #expect(regressions.count <= 3, "false regressions at seeds \(regressions)")
    }

    @Test func bimodalNoiseFromSameModesNeverRegresses() {
        for seed in 0..<300 as Range<UInt64> {
            var rng = SplitMix64(seed: 1000 + seed)
            let recorded = (0..<3).map { _ in rng.bimodal(10, low: 0.0216, high: 0.0260, cv: 0.01) }
            let baseline = metricBaseline(recorded.flatMap { $0 },
                                          noiseFloor: Statistics.batchMedianSpread(recorded) ?? 0)
            let current = rng.bimodal(10, low: 0.0216, high: 0.0260, cv: 0.01)
            let result = DecisionRule.decide(metric: "wall", baseline: baseline, current: current, policy: policy)
            #expect(result.verdict != .regression, "seed \(seed): \(result.note)")
        }
    }

    @Test func tooFewSamplesIsInconclusive() {
        let baseline = metricBaseline([1, 1.01, 0.99, 1, 1.02, 0.98])
        let result = DecisionRule.decide(metric: "wall", baseline: baseline, current: [2, 2.1, 2.05], policy: policy)
        guard case .inconclusive(let reason) = result.verdict else {
            Issue.record("expected inconclusive, got \(result.verdict)")
            return
        }
        #expect(reason.contains("too few samples"))
    }

    @Test func largeButInsignificantChangeIsInconclusive() {
        // Wildly noisy on both sides: the medians differ by ~+14 %, the ranks barely.
        let baseline = metricBaseline([1.0, 1.5, 0.7, 1.2, 0.9, 1.4, 0.8, 1.1, 1.3, 0.6])
        let current = [1.3, 0.8, 1.6, 1.0, 1.25, 0.75, 1.45, 1.15, 1.35, 1.18]
        let result = DecisionRule.decide(metric: "wall", baseline: baseline, current: current, policy: policy)
        guard case .inconclusive(let reason) = result.verdict else {
            Issue.record("expected inconclusive, got \(result.verdict)")
            return
        }
        #expect(reason.contains("noisy"))
        #expect(result.note.contains("not significant") && result.note.contains("spread"))
    }

    @Test func absoluteToleranceSuppressesTinyChanges() {
        // +20 % of 50 µs is 10 µs: below the 0.5 ms absolute tolerance.
        var rng = SplitMix64(seed: 3)
        let baseline = metricBaseline(rng.samples(30, median: 50e-6, cv: 0.002))
        let result = DecisionRule.decide(metric: "wall", baseline: baseline,
                                         current: rng.samples(10, median: 60e-6, cv: 0.002), policy: policy)
        #expect(result.verdict == .pass)
    }

    @Test func largerIsBetterFlipsTheSign() {
        var rng = SplitMix64(seed: 4)
        let baseline = metricBaseline(rng.samples(30, median: 1.9, cv: 0.01), tolerance: .ratio,
                                      direction: .largerIsBetter, unit: "x", hostIndependent: true)
        let slower = DecisionRule.decide(metric: "speedup", baseline: baseline,
                                         current: rng.samples(10, median: 1.5, cv: 0.01), policy: policy)
        let faster = DecisionRule.decide(metric: "speedup", baseline: baseline,
                                         current: rng.samples(10, median: 2.3, cv: 0.01), policy: policy)
        #expect(slower.verdict == .regression)
        #expect(faster.verdict == .improvement)
    }

    @Test func noiseFloorWidensTheLimit() {
        var rng = SplitMix64(seed: 5)
        let baseline = metricBaseline(rng.samples(30, median: 1, cv: 0.002), noiseFloor: 0.08)
        let result = DecisionRule.decide(metric: "wall", baseline: baseline,
                                         current: rng.samples(10, median: 1.10, cv: 0.002), policy: policy)
        #expect(abs(result.effectiveTolerance - policy.noiseMultiplier * 0.08) < 1e-12)
        #expect(result.effectiveTolerance > 0.10)
        #expect(result.verdict == .pass)
    }

    /// Rule 4 on synthetic samples: seconds and calibrations judged together.
    @Test func aTimeAndItsCalibratedTwinAreJudgedTogether() {
        var rng = SplitMix64(seed: 11)
        let tolerance = Tolerance(relative: 0.15, absolute: 0)
        let time = metricBaseline(rng.samples(50, median: 0.055, cv: 0.01), tolerance: tolerance)
        let calibrated = metricBaseline(rng.samples(50, median: 9.0, cv: 0.01), tolerance: tolerance, unit: "cal")
        func judge(seconds: Double, calibrations: Double) -> (time: MetricComparison, calibrated: MetricComparison) {
            DecisionRule.decide(time: ("wall", time, rng.samples(10, median: 0.055 * seconds, cv: 0.01)),
                                calibrated: ("calibratedWall", calibrated, rng.samples(10, median: 9.0 * calibrations, cv: 0.01)),
                                policy: policy)
        }
        // The machine ran 20 % slower: alone, seconds would fail; together, +9.5 % passes.
        let machine = judge(seconds: 1.20, calibrations: 1.0)
        #expect(machine.time.verdict == .pass && machine.calibrated.verdict == .pass)
        #expect(machine.time.note.contains("together"), "a row that alone would fail says why it passed")
        // The kernel ran 20 % slower (the job did not): calibrations alone would improve; together it passes.
        #expect(judge(seconds: 1.0, calibrations: 1 / 1.2).calibrated.verdict == .pass)
        // 25 % slower code measured while the kernel had a slow phase: +26 % and +10 % make +18 %: caught.
        let real = judge(seconds: 1.26, calibrations: 1.10)
        #expect(real.time.verdict == .regression && real.calibrated.verdict == .regression)
        #expect(real.time.note.contains("worse together, beyond 15.00%"))
        // Seconds and calibrations pointing opposite ways: no verdict either way.
        let disagree = judge(seconds: 1.45, calibrations: 0.95)
        #expect(disagree.time.verdict == .inconclusive("seconds and calibrations disagree"))
        // Unchanged: nothing to say.
        let unchanged = judge(seconds: 1.0, calibrations: 1.0)
        #expect(unchanged.time.verdict == .pass && unchanged.time.note.isEmpty)
    }
}
