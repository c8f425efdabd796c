import Foundation
import Testing
@testable import Gate

/// The gate judges only portable evidence, so a machine that is uniformly
/// faster or slower (VMs of one kind differ ~20 %) must not change a verdict.
@Suite("Scale invariance")
struct ScaleInvarianceTests {
    @Test("multiplying every current time and calibration by s in [0.6, 1.6] changes no verdict (600 seeded cases)")
    func verdictsIgnoreMachineSpeed() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 20261125))
        var seen: [Verdict: Int] = [:]
        for _ in 0..<600 {
            let width = [1, 2].randomElement(using: &machine.generator)!
            machine.jitter = [0.002, 0.01, 0.04].randomElement(using: &machine.generator)!
            let baseline = machine.cpuBatch(width: width, count: 30)
            let slowdown = [0, 0.03, 0.10, 0.25, -0.10].randomElement(using: &machine.generator)!
            let factor = Double.random(in: 0.6...1.6, using: &machine.generator)
            var copy = machine
            let current = machine.cpuBatch(width: width, slowdown: slowdown)
            let scaled = copy.cpuBatch(width: width, slowdown: slowdown, scale: factor)
            for metric in [Metric.wallPerCal, .efficiency] {
                func verdict(_ batch: SampleSet) -> Verdict {
                    var input = DecisionRule.Input(metric: metric, current: batch[metric],
                                                   baseline: MetricBaseline(samples: baseline[metric], tolerance: 0.05, noise: 0))
                    input.limit = 0.05
                    return DecisionRule.decide(input, configuration: .standard).verdict
                }
                let before = verdict(current), after = verdict(scaled)
                #expect(before == after, "factor \(factor), slowdown \(slowdown), width \(width)")
                seen[before, default: 0] += 1
            }
        }
        // Not vacuous: the same cases do produce passes and regressions.
        #expect(seen[.regression, default: 0] > 100)
        #expect(seen[.pass, default: 0] > 100)
    }

    @Test("a shared-state run is judged by its time over a calibration as wide as its jobs, and its counts")
    func sharedStateRatio() throws {
        var samples = SampleSet()
        samples.append(SharedStateObservation(wall: 0.024, cpu: 0.048, calibration: 0.008))
        samples.append(SharedStateObservation(wall: 0.024 * 1.3, cpu: 0.048 * 1.3, calibration: 0.008 * 1.3))
        #expect(samples[.wallPerCal].map { ($0 * 1e9).rounded() / 1e9 } == [3, 3])
        var benchmark = Benchmark(id: BenchmarkID(job: "shared", model: "mutex"), kind: .sharedState, parameters: [:],
                                  width: 2, cores: 2)
        #expect(benchmark.judgedMetrics == [.allocations, .wallPerCal])
        benchmark.instructionCommand = ["bench", "shared"]
        #expect(benchmark.judgedMetrics == [.instructions, .allocations, .wallPerCal])
    }
}
