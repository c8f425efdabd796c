import Gate
import Runners
import Workloads

/// `bench shared [--jobs 1,2,4,8] [--increments M]`: the article's pitfall
/// "race conditions: use locks", measured. Each way of sharing one total
/// runs K jobs of M increments; the total must be exactly K x M; the table
/// gives the cost of one increment as K grows. Exit status 1 on a wrong total.
enum SharedState {
    struct Options: Sendable, Equatable {
        var jobs = [1, 2, 4, 8]
        var increments = 1_000_000
        var variants = SharedCounter.allCases
        var quiet = false
    }

    static func run(_ options: Options) -> Int32 {
        let progress = Progress(quiet: options.quiet)
        let m = options.increments
        var table = TextTable(header: ["variant"] + options.jobs.map { "K = \($0)" } + ["how the jobs share the total"],
                              rows: [])
        var perIncrement: [SharedCounter: [Int: Double]] = [:]
        var problems: [String] = []
        for variant in options.variants {
            var row = [variant.rawValue]
            for jobs in options.jobs {
                progress.step("shared \(variant), K = \(jobs)")
                let start = ContinuousClock.now
                let total: Int
                do {
                    total = try variant.runBlocking(jobs: jobs, increments: m)
                } catch {
                    problems.append("\(variant) at K = \(jobs) failed: \(error)")
                    row.append("failed")
                    continue
                }
                let seconds = (ContinuousClock.now - start).seconds
                guard total == jobs * m else {
                    problems.append("\(variant) at K = \(jobs): total \(total), expected \(jobs) x \(m) = \(jobs * m)")
                    row.append("WRONG")
                    continue
                }
                let nanoseconds = seconds / Double(jobs * m) * 1e9
                perIncrement[variant, default: [:]][jobs] = nanoseconds
                row.append(Format.fixed(nanoseconds, digits: 1))
            }
            progress.done("shared \(variant): done")
            table.rows.append(row + [variant.summary])
        }
        var lines = [
            "Shared state: K jobs each add 1 to one total \(m) times; every total checked to be exactly K x \(m)",
            "nanoseconds per increment (wall time / (K x M)), \(HostFacts.cores) cores",
            table.rendered(), "",
        ]
        lines += problems.map { "  * " + $0 }
        lines += findings(perIncrement, jobs: options.jobs)
        lines += [
            "  - Unsynchronised, `total += 1` from the jobs' closures does not compile in Swift 6: \"mutation of captured",
            "      var 'total' in concurrently-executing code\". The data race the article warns about is a compile error.",
        ]
        print(lines.joined(separator: "\n"))
        return problems.isEmpty ? 0 : 1
    }

    /// What the numbers say at the largest K measured: how much sharing costs against counting apart.
    private static func findings(_ measured: [SharedCounter: [Int: Double]], jobs: [Int]) -> [String] {
        guard let k = jobs.max(), let apart = measured[.perJob]?[k], apart > 0 else { return [] }
        let shared = SharedCounter.allCases.filter { $0 != .perJob }.compactMap { variant in
            measured[variant]?[k].map { "\(variant) \(Format.fixed($0, digits: 1)) ns (\(Format.ratio($0 / apart)))" }
        }
        guard !shared.isEmpty else { return [] }
        var lines = ["What the numbers say", "  - At K = \(k): per-job counts cost \(Format.fixed(apart, digits: 1)) ns an "
            + "increment; one shared total: \(shared.joined(separator: ", ")). Share results, not counters."]
        if let small = jobs.min(), small < k, let atomic = measured[.atomic], let low = atomic[small], let high = atomic[k] {
            lines.append("  - atomic from K = \(small) to \(k): \(Format.fixed(low, digits: 1)) to "
                + "\(Format.fixed(high, digits: 1)) ns: every core writes the same cache line, so it bounces between them.")
        }
        return lines.map { wrapped($0) }
    }
}
