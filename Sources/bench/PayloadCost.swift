import Gate
import Runners
import Workloads

/// `bench payload [--jobs K] [--sizes 0,65536,1048576,16777216] [--rounds R]`:
/// what sending a result back from a child process costs, per MiB, and the
/// payload at which that cost overtakes the work itself (one prime job).
/// Exit status 1 when a byte arrived wrong or a child failed.
enum PayloadCost {
    struct Options: Sendable, Equatable {
        var jobs = 4
        var sizes = [0, 65_536, 1_048_576, 16_777_216]
        var rounds = 5
        /// The job the transfer is compared with: one count of the primes below this.
        var limit = 1_000_000
        var quiet = false
    }

    static func run(_ options: Options) -> Int32 {
        let progress = Progress(quiet: options.quiet)
        var medians: [Int: Double] = [:]
        var problems: [String] = []
        for size in options.sizes {
            var walls: [Double] = []
            for round in 1...options.rounds {
                progress.step("payload \(size) B x \(options.jobs): round \(round)/\(options.rounds)")
                let start = ContinuousClock.now
                do {
                    try PayloadTransfer.run(jobs: options.jobs, bytes: size)
                } catch {
                    problems.append("\(size) B: \(error)")
                    break
                }
                walls.append((ContinuousClock.now - start).seconds)
            }
            if walls.count == options.rounds, let median = Statistics.median(walls) { medians[size] = median }
            progress.done("payload \(size) B x \(options.jobs): \(walls.count) round(s)")
        }
        progress.step("one prime job below \(options.limit), for comparison")
        let job: Double
        do { job = try PrimeJob(limit: options.limit).timedRun(expected: ReferencePrimeCount.count(below: options.limit)) }
        catch {
            Progress.warn("bench payload: \(error): the kernel is broken, nothing to compare with")
            return 1
        }
        progress.done("one prime job below \(options.limit): \(Format.seconds(job)) s")

        let base = medians[0] ?? medians[options.sizes.min() ?? 0]
        let mib = 1_048_576.0
        var table = TextTable(header: ["payload per child", "time (s)", "over the smallest (ms)", "ms per MiB", "MiB/s",
                                       "every byte"], rows: [])
        var perMiB: [Double] = []
        for size in options.sizes {
            guard let median = medians[size] else {
                table.rows.append([bytesText(size), "-", "-", "-", "-", "failed"])
                continue
            }
            let extra = base.map { median - $0 } ?? 0
            let volume = Double(size * options.jobs) / mib
            let costPerMiB = volume > 0 ? extra * 1000 / volume : nil
            if let costPerMiB, size >= 1_048_576 { perMiB.append(costPerMiB) }
            // Below the smallest payload's time: lost in the start-up noise.
            let noise = extra <= 0 && size > (options.sizes.min() ?? 0)
            table.rows.append([bytesText(size), Format.seconds(median), noise ? "in the noise" : Format.fixed(extra * 1000, digits: 1),
                               noise ? "-" : costPerMiB.map { Format.fixed($0, digits: 2) } ?? "-",
                               volume > 0 && extra > 0 ? Format.fixed(volume / extra, digits: 0) : "-", "checked"])
        }
        var lines = ["Process communication: \(options.jobs) bench-worker children each send a payload back over a pipe, "
            + "median of \(options.rounds)", table.rendered(), ""]
        lines += problems.map { "  * " + $0 }
        if let cost = Statistics.median(perMiB), cost > 0 {
            let overtakes = job * 1000 / cost
            lines.append(wrapped("  - Sending results back costs about \(Format.fixed(cost, digits: 2)) ms per MiB "
                + "here (start-up and the first bytes excluded: time over the smallest payload). One job of counting "
                + "primes below \(options.limit) takes \(Format.fixed(job * 1000, digits: 1)) ms on one core, so a "
                + "result over \(Format.fixed(overtakes, digits: 1)) MiB costs more to send than to compute: send "
                + "results, not data."))
        }
        print(lines.joined(separator: "\n"))
        return problems.isEmpty ? 0 : 1
    }

    private static func bytesText(_ bytes: Int) -> String {
        bytes >= 1_048_576 && bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB"
            : bytes >= 1_024 && bytes % 1_024 == 0 ? "\(bytes / 1_024) KiB" : "\(bytes) B"
    }
}
