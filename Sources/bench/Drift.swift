import Foundation
import Benchmarks
import Gate
import Runners
import Workloads

/// `bench drift`: how much this machine's speed moves by itself, and how much
/// of it the gate's calibration cancels.
///
/// Runs unchanged code for a while, the way the performance gate samples it:
/// one serial prime job, then one ``Calibration`` run, over and over. Every
/// `batch` samples it prints the batch's median job time, raw and divided by
/// the calibration's median; at the end, how far those medians wandered.
/// Read it before choosing tolerances for a new CI machine: a tolerance below
/// the drift it prints fails unchanged code.
enum Drift {
    struct Options: Equatable {
        var seconds = 120.0
        var batch = 10
        var limit = 300_000
    }

    static func run(_ options: Options) -> Int32 {
        InterruptHandling.install()
        let job = PrimeJob(limit: options.limit)
        let expected = ReferencePrimeCount.count(below: options.limit)
        print("bench drift: \(Int(options.seconds)) s of unchanged work; each sample = one job (primes below \(options.limit)) "
            + "+ one calibration run; one line per \(options.batch) samples")
        print("  time   job median   calibration med   job / calibration")
        var centres: [(raw: Double, calibrated: Double)] = []
        let start = MonotonicClock.now()
        let elapsed = { Double(MonotonicClock.now() - start) * 1e-9 }
        while elapsed() < options.seconds {
            var jobTimes: [Double] = [], calibrations: [Double] = []
            for _ in 0..<options.batch {
                do { jobTimes.append(try job.timedRun(expected: expected)) } catch {
                    Progress.warn("bench drift: \(error): the kernel is broken, nothing to time")
                    return 1
                }
                calibrations.append(Calibration.measure())
            }
            InterruptHandling.exitIfInterrupted()
            guard let raw = Statistics.median(jobTimes),
                  let yardstick = Statistics.median(calibrations), yardstick > 0
            else { continue }
            centres.append((raw, raw / yardstick))
            let first = centres[0]
            print(String(format: "  %4.0f s  %7.2f ms %+6.1f%%  %7.3f ms  %7.3f cal %+6.1f%%",
                         elapsed(), raw * 1000, (raw / first.raw - 1) * 100,
                         yardstick * 1000, raw / yardstick, (raw / yardstick / first.calibrated - 1) * 100))
        }
        guard centres.count >= 2 else {
            Progress.warn("bench drift: fewer than two batches; run longer (--seconds)")
            return 1
        }
        print(summary(raw: centres.map(\.raw), calibrated: centres.map(\.calibrated)))
        return 0
    }

    /// How far batch centres wandered from their median, raw and calibrated.
    static func summary(raw: [Double], calibrated: [Double]) -> String {
        func row(_ name: String, _ values: [Double]) -> [String] {
            let middle = Statistics.median(values) ?? 1
            let deviations = values.map { abs($0 / middle - 1) }.sorted()
            return [name, Format.percent(Statistics.quantile(deviations, 0.9) ?? 0, digits: 1),
                    Format.percent(deviations.last ?? 0, digits: 1),
                    "\(deviations.filter { $0 > 0.05 }.count) of \(values.count)"]
        }
        let table = TextTable(header: ["batch centres", "p90 |drift|", "max |drift|", "beyond 5 %"],
                              rows: [row("raw job time", raw), row("calibrated", calibrated)],
                              rightAligned: [1, 2, 3], indent: "  ", rule: false)
        return "\ndrift of unchanged code: each batch centre against the median of all of them\n" + table.rendered()
            + "\nA gate tolerance below the max drift of the metric it checks would fail this unchanged code."
    }
}
