import Gate
import Foundation
import Runners
import Workloads

/// Runs the experiment and writes the chosen report.
enum BenchMain {
    static func run(_ options: BenchOptions) -> Int32 {
        // Destinations first: a run's results must never be measured and then lost.
        for (flag, path) in [("-o", options.output), ("--chart", options.chart)] {
            if let path, let problem = ReportOutput.problem(writing: path) {
                let line = "bench: cannot write \(flag) \(path): \(problem). Nothing was run."
                Progress.warn(wrapped(line))
                return 2
            }
        }
        if let collision = ReportOutput.collision(output: options.output, chart: options.chart) {
            Progress.warn(wrapped("bench: \(collision). Nothing was run."))
            return 2
        }
        if let problem = ReportOutput.stepSummaryProblem() {
            Progress.warn(wrapped("bench: cannot append the tables to \(problem). Nothing was run."))
            return 2
        }
        InterruptHandling.install()
        let progress = Progress(quiet: options.quiet)
        let host = HostSummary.current
        // The report carries the warning too; stderr catches machine formats (json, csv).
        if let warning = host.debugWarning, !options.quiet { Progress.warn("bench: " + warning) }
        var server: DelayServer?
        defer { server?.stop() }
        var baseURL = options.baseURL ?? HTTPURL(host: "127.0.0.1", port: 0)
        if options.workload != .cpu {  // io and mixed GET from a server
            if options.baseURL == nil {
                do {
                    server = try DelayServer()
                    baseURL = server!.baseURL
                } catch {
                    Progress.warn("bench: cannot start the embedded delay server: \(error)")
                    return 1
                }
            }
            if let problem = reachabilityProblem(baseURL) {
                Progress.warn(wrapped("bench: \(problem)"))
                return 1
            }
        }
        let parameters = ExperimentResult.Parameters(
            cpuJobs: options.cpuJobs, limit: options.limit, ioJobs: options.ioJobs, delay: options.delay,
            mixedJobs: options.mixedJobs, mixedDelay: options.mixedDelay, mixedLimit: options.mixedLimit,
            rounds: options.rounds, url: baseURL.description, article: options.article,
            allocations: options.allocations)
        let total = options.models.count * (options.workload == .all ? 3 : 1)
        var workloads = Experiment(options: options, progress: progress).run(baseURL: baseURL) { soFar in
            let done = soFar.map(\.models.count).reduce(0, +)
            let partial = ExperimentResult(
                host: host, parameters: parameters, workloads: soFar,
                partial: "interrupted after \(done) of \(total) model runs; only those are below")
            InterruptHandling.keep(partialReport: (try? render(partial, as: options.format)) ?? "")
        }
        InterruptHandling.exitIfInterrupted()
        BaselineComparison(directory: options.baselines, options: options).apply(to: &workloads)
        var python: PythonComparison?
        var pythonNote: String?
        if options.python && options.workload == .mixed {
            pythonNote = "Python: the seed's Python has no mixed job; Swift alone"
        } else if options.python {
            progress.done("python: running scripts/article.py on the same sizes")
            switch PythonComparison.run(options, delayURL: DelayRequestJob(base: baseURL, delay: options.delay).url) {
            case .success(let comparison): python = comparison
            case .failure(let unavailable): pythonNote = "Python: " + unavailable.reason
            }
            InterruptHandling.exitIfInterrupted()
        }
        let result = ExperimentResult(
            host: host, parameters: parameters, workloads: workloads, python: python, pythonNote: pythonNote)
        let report: String
        do { report = try render(result, as: options.format) } catch {
            Progress.warn("bench: cannot render the report: \(error)")
            return 1
        }
        do {
            try ReportOutput.write(report, to: options.output)
            if let chart = options.chart {
                try ReportOutput.write(SVGChart.render(result), to: chart)
            }
            try ReportOutput.appendToStepSummary(MarkdownReport.render(result))
        } catch let failure as ReportOutput.WriteFailure where options.output == nil {
            Progress.warn("bench: cannot write the report to \(failure): the report is lost; rerun with -o FILE")
            return 1
        } catch {
            // The destination failed after all: the measurements still reach the user.
            let reason = (error as? ReportOutput.WriteFailure)?.description ?? error.localizedDescription
            if options.output != nil { print(report, terminator: "") }
            Progress.warn("bench: cannot write the report (\(reason)); printed it to stdout instead")
            return 1
        }
        return workloads.allSatisfy { $0.models.allSatisfy(\.ok) } ? 0 : 1
    }

    /// The report in the format asked for.
    static func render(_ result: ExperimentResult, as format: BenchOptions.Format) throws -> String {
        switch format {
        case .table: TableReport.render(result)
        case .markdown: MarkdownReport.render(result)
        case .json: try JSONReport.render(result)
        case .csv: CSVReport.render(result)
        case .github: try GitHubBenchmarkReport.render(result)
        }
    }

    /// Why the I/O job's server cannot be used, or nil when `/get` answers.
    static func reachabilityProblem(_ base: HTTPURL) -> String? {
        let probe = base.replacingTarget("/get")
        do {
            let response = try BlockingHTTPClient.get(probe, timeout: .seconds(5))
            guard response.status == 200 else {
                return "\(probe) answered HTTP \(response.status); --url must name an httpbin-compatible server "
                    + "(GET /get and /delay/{seconds}), such as `bench serve`."
            }
            return nil
        } catch .malformedResponse(_, let reason) {
            // It was reached: the answer is what is wrong.
            return "\(probe) answered with an unusable response (\(reason)); --url must name an httpbin-compatible "
                + "HTTP/1.1 server (GET /get and /delay/{seconds}), such as `bench serve`."
        } catch {
            // Each client error already names the URL and what to check.
            return "the I/O server cannot be used: \(error)"
        }
    }
}
