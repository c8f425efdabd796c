import Runners
import Workloads

/// Runs the experiment and writes the chosen report.
enum BenchMain {
    static func run(_ options: BenchOptions) -> Int32 {
        let progress = Progress(quiet: options.quiet)
        var server: DelayServer?
        defer { server?.stop() }
        var baseURL = options.baseURL ?? HTTPURL(host: "127.0.0.1", port: 0)
        if options.workload != .cpu {
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
                Progress.warn("bench: \(problem)")
                return 1
            }
        }
        let workloads = Experiment(options: options, progress: progress).run(baseURL: baseURL)
        let result = ExperimentResult(
            host: HostSummary(description: "\(HostFacts.cores) cores", cores: HostFacts.cores, profileKey: ""),
            parameters: .init(
                cpuJobs: options.cpuJobs, limit: options.limit, ioJobs: options.ioJobs, delay: options.delay,
                rounds: options.rounds, url: baseURL.description, article: options.article),
            workloads: workloads)
        print(TableReport.render(result))
        return workloads.allSatisfy { $0.models.allSatisfy(\.ok) } ? 0 : 1
    }

    /// Why the I/O job's server cannot be used, or nil when `/get` answers.
    static func reachabilityProblem(_ base: HTTPURL) -> String? {
        do {
            let response = try BlockingHTTPClient.get(base.replacingTarget("/get"), timeout: .seconds(5))
            guard response.status == 200 else {
                return "\(base)/get answered HTTP \(response.status); is it an httpbin-compatible server?"
            }
            return nil
        } catch {
            return "cannot reach the I/O server: \(error)"
        }
    }
}
