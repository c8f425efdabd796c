import Foundation
import Gate
import Runners
import Workloads

/// `bench scale`: how each model's time grows with the number of jobs K.
/// CPU job at K = 1, cores, 2 x cores, 4 x cores; I/O job at K = 1, 10, 100,
/// 1000. Prints one table per job, the fastest model at each K and where two
/// models' curves cross; `--chart` draws the curves (log scales).
enum Scaling {
    struct Options: Sendable {
        var models = ConcurrencyModel.allCases
        var rounds = 3
        var limit = 300_000
        var delay = 0.05
        /// A point whose estimated time (the previous K's, scaled by K) exceeds this is skipped.
        var budget = 5.0
        var chart: String?
        var quiet = false
    }

    /// One job's curves: seconds per model per K (nil: skipped or failed).
    struct Curves: Sendable {
        var job: String
        var ks: [Int]
        var times: [(model: ConcurrencyModel, seconds: [Double?], notes: [String])]
    }

    static func run(_ options: Options) -> Int32 {
        if let chart = options.chart, let problem = ReportOutput.problem(writing: chart) {
            let line = "bench: cannot write --chart \(chart): \(problem). Nothing was run."
            Progress.warn(wrapped(line))
            return 2
        }
        InterruptHandling.install()
        let progress = Progress(quiet: options.quiet)
        let cores = HostFacts.cores
        let server: DelayServer
        do { server = try DelayServer() } catch {
            Progress.warn("bench: cannot start the embedded delay server: \(error)")
            return 1
        }
        defer { server.stop() }
        let cpu = measure("cpu", ks: [1, cores, 2 * cores, 4 * cores], options, progress) { _ in
            .primes(PrimeJob(limit: options.limit))
        }
        let io = measure("io", ks: [1, 10, 100, 1_000], options, progress) { _ in
            .delayRequest(DelayRequestJob(base: server.baseURL, delay: options.delay))
        }
        var lines = ["Scaling: time (s) per model as the number of jobs K grows, median of \(options.rounds) round(s); "
            + "\(cores) cores", ""]
        lines += table(cpu, title: "CPU-bound: K jobs, each counting primes below \(options.limit)")
        lines += table(io, title: "I/O-bound: K concurrent GETs of /delay/\(DelayRequestJob.format(options.delay))")
        lines += ["Where the curves cross"] + crossings(cpu) + crossings(io)
        print(lines.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapped(String($0)) }.joined(separator: "\n"))
        if let chart = options.chart {
            do { try ReportOutput.write(ScalingChart.render([cpu, io], host: HostSummary.current.description), to: chart) }
            catch {
                Progress.warn("bench: cannot write --chart \(chart): \(error)")
                return 1
            }
        }
        let failed = [cpu, io].flatMap(\.times).flatMap(\.notes).contains { $0.hasPrefix("failed") }
        return failed ? 1 : 0
    }

    private static func measure(_ job: String, ks: [Int], _ options: Options, _ progress: Progress,
                                _ make: (Int) -> Job) -> Curves {
        var curves = Curves(job: job, ks: ks, times: [])
        for model in options.models {
            var seconds: [Double?] = []
            var notes: [String] = []
            var previous: (k: Int, seconds: Double)?
            for k in ks {
                if let previous, previous.seconds * Double(k) / Double(previous.k) > options.budget {
                    seconds.append(nil)
                    notes.append("skipped at K = \(k): about \(Format.seconds(previous.seconds * Double(k) / Double(previous.k))) s")
                    continue
                }
                var walls: [Double] = []
                var failure: String?
                for round in 1...options.rounds {
                    progress.step("scale \(job) \(model) K = \(k): round \(round)/\(options.rounds)")
                    let (outcomes, timing) = Stopwatch.time {
                        model.runner.runBlocking(make(k), count: k, context: RunContext(timeout: .seconds(120)))
                    }
                    InterruptHandling.exitIfInterrupted()
                    if case .failure(let error)? = outcomes.first(where: { (try? $0.get()) == nil }) {
                        failure = error.description
                        break
                    }
                    walls.append(timing.wall)
                }
                let median = failure == nil ? Statistics.median(walls) : nil
                seconds.append(median)
                if let failure { notes.append("failed at K = \(k): \(failure)") }
                previous = median.map { (k, $0) } ?? previous
            }
            progress.done("scale \(job) \(model): " + seconds.map { $0.map(Format.seconds) ?? "-" }.joined(separator: ", "))
            curves.times.append((model, seconds, notes))
        }
        return curves
    }

    private static func table(_ curves: Curves, title: String) -> [String] {
        var table = TextTable(header: ["model"] + curves.ks.map { "K = \($0)" }, rows: [])
        for (model, seconds, _) in curves.times {
            table.rows.append([model.rawValue] + seconds.map { $0.map(Format.seconds) ?? "-" })
        }
        let notes = curves.times.flatMap { entry in entry.notes.map { "  * \(entry.model): \($0)" } }
        return [title, table.rendered()] + notes + [""]
    }

    /// The fastest usable model at each K, and where the lead changes hands.
    static func crossings(_ curves: Curves) -> [String] {
        let usable = curves.times.filter { !$0.model.isAntiPattern && $0.model != .gil }
        var lines: [String] = []
        let fastest = curves.ks.indices.map { index in
            usable.compactMap { entry in entry.seconds[index].map { (entry.model, $0) } }.min { $0.1 < $1.1 }
        }
        lines.append("  - \(curves.job): fastest at " + zip(curves.ks, fastest).map { k, best in
            "K = \(k) \(best.map { "\($0.0) \(Format.seconds($0.1)) s" } ?? "-")"
        }.joined(separator: "; ") + ".")
        // Where the lead changes hands clearly: the new leader and the old one, both measured at both Ks.
        for index in curves.ks.indices.dropFirst() {
            guard let before = fastest[index - 1]?.0, let after = fastest[index]?.0, before != after,
                  let old = usable.first(where: { $0.model == before }), let new = usable.first(where: { $0.model == after }),
                  let oldThen = old.seconds[index - 1], let newThen = new.seconds[index - 1],
                  let oldNow = old.seconds[index], let newNow = new.seconds[index],
                  newNow < oldNow * 0.9  // a lead of under 10 % is noise, not a crossing
            else { continue }
            lines.append("  - \(curves.job): \(after) overtakes \(before) between K = \(curves.ks[index - 1]) "
                + "(\(Format.seconds(newThen)) s against \(Format.seconds(oldThen)) s) and K = \(curves.ks[index]) "
                + "(\(Format.seconds(newNow)) s against \(Format.seconds(oldNow)) s).")
        }
        return lines
    }
}
