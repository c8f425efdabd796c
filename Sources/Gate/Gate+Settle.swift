import Foundation
import Synchronization

extension Gate {
    /// Waits for other processes to leave the benchmark's cores alone, from a
    /// budget shared by the whole run; returns a note when it waited.
    func settle(for benchmark: Benchmark) -> String? {
        let allowance = freeCores(benchmark) + configuration.busyMargin
        var waited = 0.0
        // A tenth of a second reads to about ±0.2 cores (10 ms ticks), well inside
        // the allowance; a longer look costs every benchmark of every run.
        var others = MachineLoad.othersBusy(over: 0.1)
        while others > allowance, let slice = QuietBudget.shared.take(0.5, of: configuration.quietWaitBudget) {
            waited += slice
            others = MachineLoad.othersBusy(over: slice)
        }
        guard waited > 0 || others > allowance else { return nil }
        let busy = "others used \(Format.percent(others, digits: 0)) of a core"
        return others > allowance
            ? "machine busy (\(busy)) after waiting \(Int(waited)) s; the run's \(Int(configuration.quietWaitBudget)) s "
                + "wait for quiet is spent: measuring, and busy samples are marked"
            : "waited \(Format.fixed(waited, digits: 1)) s for other processes to stop (\(busy) at the end)"
    }

    /// Cores the benchmark leaves to others.
    func freeCores(_ benchmark: Benchmark) -> Double {
        Double(max(0, benchmark.cores - benchmark.exposure))
    }

    /// Per trial of `trials`: taken while others used the benchmark's cores.
    func busyFlags(_ trials: SampleSet, _ benchmark: Benchmark) -> [Bool] {
        let allowance = freeCores(benchmark) + configuration.busyMargin
        return trials[.othersBusy].map { $0 > allowance }
    }

    /// Adds instruction counts of `build`'s `bench`, or returns why there are none.
    func countInstructions(_ benchmark: Benchmark, on build: Build, into batch: inout SampleSet) -> String? {
        guard let arguments = benchmark.instructionCommand else { return nil }
        switch InstructionCounter.make() {
        case .failure(let unavailable):
            return "instructions: not measured: \(unavailable.reason)"
        case .success(let counter):
            do {
                for count in try counter.counts([build.bench] + arguments, runs: configuration.instructionRuns) {
                    batch.append(count, to: .instructions)
                }
                return nil
            } catch {
                return "instructions: not measured: \(error)"
            }
        }
    }
}

/// The seconds a whole test run may still wait for quiet.
final class QuietBudget: Sendable {
    static let shared = QuietBudget()
    private let spent = Mutex(0.0)

    /// `slice` seconds if the budget has them left, else `nil`.
    func take(_ slice: Double, of budget: Double) -> Double? {
        spent.withLock { spent in
            guard spent + slice <= budget else { return nil }
            spent += slice
            return slice
        }
    }
}
