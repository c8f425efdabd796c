import Testing
@testable import Gate

/// Each step of the rule, on synthetic samples.
@Suite("Decision rule steps")
struct DecisionRuleTests {
    let configuration = GateConfiguration.standard

    func baseline(_ centre: Double = 10, limit: Double = 0.05) -> MetricBaseline {
        MetricBaseline(samples: (0..<30).map { centre * (1 + Double($0 % 5 - 2) * 0.002) }, tolerance: limit,
                       noise: 0)
    }

    func decide(_ current: [Double], metric: Metric = .wallPerCal, baseline: MetricBaseline? = nil,
                adjust: (inout DecisionRule.Input) -> Void = { _ in }) -> Judgement {
        var input = DecisionRule.Input(metric: metric, current: current, baseline: baseline ?? self.baseline())
        input.limit = input.baseline?.limit(configuration.noiseMultiplier)
        adjust(&input)
        return DecisionRule.decide(input, configuration: configuration)
    }

    func around(_ centre: Double, count: Int = 10) -> [Double] {
        (0..<count).map { centre * (1 + Double($0 % 5 - 2) * 0.002) }
    }

    @Test func noSamplesIsNotMeasuredAndSaysWhy() {
        let row = decide([], metric: .instructions) { $0.unmeasuredReason = "valgrind not in PATH" }
        #expect(row.verdict == .notMeasured("valgrind not in PATH") && row.step == .measured)
    }

    @Test func impossibleValueIsInconclusive() {
        let row = decide(around(1.3), metric: .efficiency) { $0.possible = 0...1.1 }
        #expect(row.verdict == .inconclusive("impossible value") && row.step == .possible)
    }

    @Test func tooFewSamples() {
        #expect(decide(around(10, count: 3)).step == .enoughSamples)
    }

    @Test func brokenPromiseFailsWithoutABaseline() {
        let row = decide(around(0.6), metric: .efficiency) {
            $0.baseline = nil
            $0.promised = (0.75...1.05, "a parallel model keeps its cores busy")
        }
        #expect(row.verdict == .regression && row.note.contains("promised"))
    }

    @Test func keptPromiseWithoutBaselineIsNotAJudgementOfChange() {
        let row = decide(around(0.9), metric: .efficiency) { $0.baseline = nil; $0.promised = (0.75...1.05, "") }
        #expect(row.verdict == .inconclusive("no baseline") && row.step == .beyondLimit)
    }

    @Test func promiseOnlyPassesWhenKept() {
        let row = decide(around(3), metric: .vsIdeal) { $0.promiseOnly = "history-dependent"; $0.promised = (0.98...5.4, "") }
        #expect(row.verdict == .pass && row.step == .promised)
    }

    @Test func withinLimitPasses() {
        let row = decide(around(10.3))
        #expect(row.verdict == .pass && row.step == .beyondLimit && abs(row.change! - 0.03) < 0.001)
    }

    @Test func beyondLimitButNotSignificantIsInconclusive() {
        let noisy = [8.0, 12, 9, 13, 10, 11, 14, 9, 12, 13].map { $0 * 1.08 }
        let row = decide(noisy, baseline: MetricBaseline(samples: [8, 12, 9, 13, 10, 11, 14, 9, 12, 13].map(Double.init),
                                                         tolerance: 0.05, noise: 0))
        #expect(row.verdict == .inconclusive("too noisy to tell") && row.step == .significant)
    }

    @Test func significantSlowdownIsARegression() {
        let row = decide(around(11))
        #expect(row.verdict == .regression && row.step == .confirmed && row.pValue! < 0.01)
    }

    @Test func improvementFailsOnlyUnderRatchet() {
        let row = decide(around(9))
        #expect(row.verdict == .improvement)
        #expect(!row.verdict.fails(ratchet: false) && row.verdict.fails(ratchet: true))
    }

    @Test func busySamplesMakeAFailureInconclusive() {
        let row = decide(around(12)) {
            $0.busy = Array(repeating: true, count: 10)
            $0.othersBusy = 1.0
        }
        #expect(row.verdict == .inconclusive("machine busy: others used 100% of a core") && row.step == .machineQuiet)
    }

    @Test func busySamplesDoNotHideAPass() {
        let row = decide(around(10)) { $0.busy = Array(repeating: true, count: 10) }
        #expect(row.verdict == .pass)
    }

    @Test("counts are judged by their least value, with no test and no machine-load step")
    func countsUseTheLeastValue() {
        let counts = MetricBaseline(samples: [5e7, 5.4e7], tolerance: 0.02, noise: 0)
        let slower = decide([5.35e7, 5.35e7], metric: .instructions, baseline: counts) { $0.busy = [true, true] }
        #expect(slower.verdict == .regression && slower.pValue == nil && abs(slower.change! - 0.07) < 1e-9)
        // One run that spun (+8 %) beside an exact one: the exact one speaks.
        let spun = decide([5.4e7, 5.0e7], metric: .instructions, baseline: counts)
        #expect(spun.verdict == .pass && spun.change == 0)
    }

    @Test func checksLineListsEveryStepInOrder() {
        let line = DecisionRule.checks(configuration)
        #expect(line.components(separatedBy: " → ").count == DecisionRule.Step.allCases.count)
        #expect(line.hasPrefix("measured → possible"))
        #expect(line.contains("p < 0.01"))
    }
}

@Suite("Presets")
struct PresetTests {
    @Test func presetFollowsWidthAndBuild() {
        let presets = TolerancePresets.standard
        #expect(presets.preset(width: 1, debugBuild: false)[.wallPerCal] == 0.05)
        #expect(presets.preset(width: 2, debugBuild: false)[.wallPerCal] == 0.10)
        #expect(presets.preset(width: 1, debugBuild: true)[.wallPerCal] == 0.15)
        #expect(presets.preset(width: 2, debugBuild: false)[.instructions] == 0.02)
    }

    @Test func everyJudgedMetricHasATolerance() {
        for preset in [TolerancePresets.standard.singleThread, TolerancePresets.standard.parallel, TolerancePresets.standard.debug] {
            for metric in Metric.all where metric.isJudged {
                #expect(preset.relative[metric.name] != nil, "\(metric)")
            }
        }
    }

    @Test func oneThreadModelsPromiseEfficiencyParallelOnesUtilization() {
        let promises = Promises.standard
        let one = syntheticBenchmark(width: 1), two = syntheticBenchmark(width: 2)
        #expect(one.bounds(of: .efficiency, promises).promised?.range == 0.85...1.10)
        // Beside a busy neighbour a core may run slower than alone: speedup over a solo job promises nothing.
        #expect(two.bounds(of: .efficiency, promises).promised == nil && two.bounds(of: .efficiency, promises).possible == 0...1.05)
        #expect(two.bounds(of: .utilization, promises).promised?.range == 0.75...1.05)
        #expect(!one.judgedMetrics.contains(.utilization) && two.judgedMetrics.contains(.utilization))
    }

    @Test("a neighbour below the busy margin lowers the utilization promise by the CPU it took from the model's cores")
    func utilizationPromiseLeavesANeighboursShare() throws {
        let promises = Promises.standard
        let taken = try #require(syntheticBenchmark(width: 2, cores: 2).bounds(of: .utilization, promises, othersBusy: 0.4).promised)
        #expect(abs(taken.range.lowerBound - 0.6) < 1e-9 && taken.reason.contains("1.6 of its 2 cores"))
        // On a core the model leaves free, a neighbour takes nothing from it.
        let spare = syntheticBenchmark(width: 2, cores: 3).bounds(of: .utilization, promises, othersBusy: 0.4).promised
        #expect(spare?.range == 0.75...1.05)
        // More than half the model's cores is a busy machine (said, not judged): the promise goes no lower.
        let busy = syntheticBenchmark(width: 2, cores: 2).bounds(of: .utilization, promises, othersBusy: 1.7).promised
        #expect(busy?.range.lowerBound == 0.375)
    }

    @Test("a one-thread model's efficiency bounds widen by how far apart its CPUs ran one job alone")
    func oneThreadBoundsFollowTheCPUsSpread() throws {
        let promises = Promises.standard
        let one = syntheticBenchmark(width: 1)
        // One CPU 20 % slower: the model's thread, on either, is within 0.85 / 1.2 ... 1.1 x 1.2 of their mean.
        let apart = one.bounds(of: .efficiency, promises, cpuSpread: 0.2)
        let promised = try #require(apart.promised)
        #expect(abs(promised.range.lowerBound - 0.85 / 1.2) < 1e-9 && abs(promised.range.upperBound - 1.32) < 1e-9)
        #expect(apart.possible?.upperBound == promised.range.upperBound && promised.reason.contains("CPUs 20% apart"))
        // Alike CPUs leave the promise as it is; parallel models are judged on the mean of their CPUs as before.
        #expect(one.bounds(of: .efficiency, promises, cpuSpread: 0).promised?.range == 0.85...1.10)
        #expect(syntheticBenchmark(width: 2).bounds(of: .efficiency, promises, cpuSpread: 0.2).possible == 0...1.05)
    }

    @Test("a parallel model's utilization promise lowers to what equal shares on CPUs that far apart keep busy")
    func utilizationFollowsTheCPUsSpread() throws {
        let promises = Promises.standard
        let two = syntheticBenchmark(width: 2, cores: 2)
        // Two CPUs, one 50 % slower: the fast one idles a third of the time, (2 + 0.5) / (2 x 1.5) of both busy.
        let apart = try #require(two.bounds(of: .utilization, promises, cpuSpread: 0.5).promised)
        #expect(abs(apart.range.lowerBound - 0.75 * 2.5 / 3) < 1e-9 && apart.reason.contains("CPUs 50% apart"))
        // With a neighbour too, both apply.
        let both = try #require(two.bounds(of: .utilization, promises, othersBusy: 0.4, cpuSpread: 0.5).promised)
        #expect(abs(both.range.lowerBound - 0.6 * 2.5 / 3) < 1e-9)
        // Alike CPUs leave the promise as it is; nothing widens the possible range.
        #expect(two.bounds(of: .utilization, promises, cpuSpread: 0).promised?.range == 0.75...1.05)
        #expect(two.bounds(of: .utilization, promises, cpuSpread: 0.5).possible == 0...1.05)
    }
}

/// The paired comparison of interleaved trials (the same-machine reference).
@Suite("Paired trials")
struct PairedTrialTests {
    let configuration = GateConfiguration.standard

    func decide(current: [Double], reference: [Double], limit: Double = 0.05) -> Judgement {
        var input = DecisionRule.Input(metric: .wallPerCal, current: current, baseline: nil)
        input.reference = reference
        input.limit = limit
        return DecisionRule.decide(input, configuration: configuration)
    }

    /// Ten pairs whose machine drifts by up to ±30 % from pair to pair: both trials of a pair see the same speed.
    func drifting(_ slowdown: Double, seed: UInt64) -> (current: [Double], reference: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var current: [Double] = [], reference: [Double] = []
        for _ in 0..<10 {
            let speed = Double.random(in: 0.7...1.3, using: &generator)
            reference.append(10 * speed * (1 + Double.random(in: -0.01...0.01, using: &generator)))
            current.append(10 * speed * (1 + slowdown) * (1 + Double.random(in: -0.01...0.01, using: &generator)))
        }
        return (current, reference)
    }

    @Test("a 10 % slowdown under ±30 % drift between pairs is a regression, with an interval around it")
    func slowdownUnderDriftIsCaught() throws {
        let (current, reference) = drifting(0.10, seed: 1)
        let row = decide(current: current, reference: reference)
        #expect(row.verdict == .regression && row.step == .confirmed)
        let interval = try #require(row.interval)
        #expect(interval.contains(row.change!) && interval.lowerBound > 0.05 && interval.upperBound < 0.15)
    }

    @Test("unchanged code under the same drift passes: the pairs cancel the machine (100 seeds)")
    func unchangedUnderDriftPasses() {
        for seed in 0..<100 as Range<UInt64> {
            let (current, reference) = drifting(0, seed: seed)
            #expect(decide(current: current, reference: reference).verdict == .pass, "seed \(seed)")
        }
    }

    @Test("an effect beyond the limit whose pairs disagree in sign is too noisy to tell")
    func disagreeingPairsAreUnknown() {
        let reference = [Double](repeating: 10, count: 10)
        let current = [13.0, 7, 13, 7.5, 13, 8, 12, 13, 7, 12.5]
        #expect(decide(current: current, reference: reference).verdict == .inconclusive(DecisionRule.tooNoisy))
    }

    @Test("signed-rank p-values: exact for small n, symmetric, 1 for no effect")
    func signedRank() throws {
        // All 10 differences positive: p = 2 / 2^10.
        let p = try #require(SignedRank.pValue((1...10).map(Double.init)))
        #expect(abs(p - 2.0 / 1024) < 1e-12)
        #expect(SignedRank.pValue((1...10).map { -Double($0) }) == p)
        #expect(try #require(SignedRank.pValue([1, -1, 2, -2, 3, -3])) > 0.9)
        #expect(SignedRank.pValue([0, 0]) == nil)
    }

    @Test("a change inside the limit passes, its interval shown: a pass means no change beyond the limit was found")
    func passInsideTheLimitShowsItsInterval() {
        let reference = [Double](repeating: 10, count: 10)
        // The pairs' median ratio is +1.5 %, inside 5 %; its 99 % interval -5.6..+9.4 %. Asking that interval to stay
        // inside the limit too measured 30 pairs in a third of the benchmarks and left 1-10 of 34 inconclusive per
        // run on unchanged code (20 runs, +50 % time), and caught a kernel 10 % slower no more often.
        let current = [9.0, 9.5, 11.2, 9.8, 10.2, 10.1, 10.5, 11.4, 9.9, 10.3]
        let row = decide(current: current, reference: reference)
        #expect(row.verdict == .pass && row.step == .beyondLimit, "\(row)")
        #expect(abs(row.change! - 0.015) < 0.001 && row.interval!.upperBound > 0.05 && row.interval!.contains(row.change!))
    }

    @Test("the paired interval inverts the signed-rank test")
    func pairedInterval() throws {
        // n = 10: P(T <= 3) = 5/1024 cuts 3 of the 55 Walsh averages off each end at 99 %; P(T <= 8) = 25/1024 cuts 8 at 95 %.
        let values = (1...10).map(Double.init)
        #expect(SignedRank.interval(values, confidence: 0.99) == 2...9)
        #expect(SignedRank.interval(values, confidence: 0.95) == 3...8)
        #expect(SignedRank.interval([1], confidence: 0.9) == nil)
        // 0 left out of the 99 % interval exactly when p < 0.01.
        for shifted in stride(from: -6.0, through: 0, by: 0.5) {
            let differences = values.map { $0 + shifted + 0.01 * $0 * $0 }
            let p = try #require(SignedRank.pValue(differences))
            let interval = try #require(SignedRank.interval(differences, confidence: 0.99))
            #expect((p < 0.01) == !interval.contains(0), "shift \(shifted): p \(p), \(interval)")
        }
    }
}
