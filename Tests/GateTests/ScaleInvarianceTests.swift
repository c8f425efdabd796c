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
        let gate = try Gate(directory: try temporaryDirectory(), configuration: .standard, build: "release")
        var seen: [Verdict: Int] = [:]
        for _ in 0..<600 {
            let width = [1, 2].randomElement(using: &machine.generator)!
            machine.jitter = [0.002, 0.01, 0.04].randomElement(using: &machine.generator)!
            let baseline = baselineEntry((0..<3).map { _ in machine.cpuBatch(width: width) }, limit: width == 1 ? 0.05 : 0.10)
            let slowdown = [0, 0.03, 0.10, 0.25, -0.10].randomElement(using: &machine.generator)!
            let current = machine.cpuBatch(width: width, slowdown: slowdown)
            let benchmark = syntheticBenchmark(width: width, batches: [current])
            let factor = Double.random(in: 0.6...1.6, using: &machine.generator)
            let before = gate.judge(benchmark, current, baseline).map(\.verdict)
            let after = gate.judge(benchmark, SyntheticMachine.scaled(current, by: factor), baseline).map(\.verdict)
            #expect(before == after, "factor \(factor), slowdown \(slowdown), width \(width)")
            for verdict in before { seen[verdict, default: 0] += 1 }
        }
        // Not vacuous: the same cases do produce passes and regressions.
        #expect(seen[.regression, default: 0] > 100)
        #expect(seen[.pass, default: 0] > 100)
    }

    @Test("the raw seconds do move with the factor, and are shown only as context")
    func rawSecondsAreContext() throws {
        var machine = SyntheticMachine(generator: SeededGenerator(seed: 7))
        let gate = try Gate(directory: try temporaryDirectory(), configuration: .standard, build: "release")
        let baseline = baselineEntry([machine.cpuBatch(width: 2)])
        let current = SyntheticMachine.scaled(machine.cpuBatch(width: 2), by: 1.5)
        let rows = gate.context(current, baseline)
        let wall = try #require(rows.first { $0.metric == .wall })
        #expect(wall.verdict == .context)
        #expect(!Metric.wall.isJudged && !Metric.cpu.isJudged && !Metric.calibration.isJudged)
    }

    @Test("a shared-state run is judged by its time over a calibration as wide as its jobs, and its instructions")
    func sharedStateRatio() throws {
        var samples = SampleSet()
        samples.append(SharedStateObservation(wall: 0.024, cpu: 0.048, calibration: 0.008))
        samples.append(SharedStateObservation(wall: 0.024 * 1.3, cpu: 0.048 * 1.3, calibration: 0.008 * 1.3))
        #expect(samples[.wallPerCal].map { ($0 * 1e9).rounded() / 1e9 } == [3, 3])
        var benchmark = Benchmark(id: BenchmarkID(job: "shared", model: "mutex"), kind: .sharedState, parameters: [:],
                                  width: 2) { _ in }
        #expect(benchmark.judgedMetrics == [.wallPerCal])
        benchmark.instructionCommand = ["bench", "shared"]
        #expect(benchmark.judgedMetrics == [.instructions, .wallPerCal])
    }
}
