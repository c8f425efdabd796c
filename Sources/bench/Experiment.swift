import Gate
import Runners
import Workloads

/// Runs the chosen models on the chosen workloads, with progress on stderr.
struct Experiment {
    var options: BenchOptions
    var progress: Progress

    /// One GET of `/delay/<delay>`: `--timeout` governs each request too, not only the run.
    static func delayJob(_ options: BenchOptions, base: HTTPURL, delay: Double) -> Job {
        .delayRequest(DelayRequestJob(base: base, delay: delay, timeout: .milliseconds(Int64(options.timeout * 1000))))
    }

    /// Measures every chosen (workload, model) pair.
    func run(baseURL: HTTPURL) -> [WorkloadResult] {
        var results: [WorkloadResult] = []
        let context = RunContext(timeout: .milliseconds(Int64(options.timeout * 1000)))
        if options.workload != .io {
            let job = Job.primes(PrimeJob(limit: options.limit))
            let warmUp = Job.primes(PrimeJob(limit: max(2, options.limit / 10)))
            let expected = JobResult.primeCount(ReferencePrimeCount.count(below: options.limit))
            let models = measure("cpu", job, warmUp: warmUp, count: options.cpuJobs, expected: expected, context: context)
            let serial = models.first { $0.model == ConcurrencyModel.serial.rawValue }
            results.append(WorkloadResult(
                workload: "cpu",
                title: "CPU-bound: \(options.cpuJobs) jobs, each counting primes below \(options.limit)",
                // K jobs on C cores can at best run min(K, C) at a time.
                ideal: serial.map { $0.medianWall / Double(max(1, min(HostFacts.cores, options.cpuJobs))) },
                models: models))
        }
        if options.workload != .cpu {
            let job = Self.delayJob(options, base: baseURL, delay: options.delay)
            let warmUp = Self.delayJob(options, base: baseURL, delay: 0)
            let models = measure("io", job, warmUp: warmUp, count: options.ioJobs, expected: nil, context: context)
            results.append(WorkloadResult(
                workload: "io",
                title: "I/O-bound: \(options.ioJobs) concurrent GETs of \(DelayRequestJob(base: baseURL, delay: options.delay).url)",
                ideal: options.delay,
                models: models))
        }
        return results
    }

    private func measure(
        _ workload: String, _ job: Job, warmUp: Job, count: Int, expected: JobResult?, context: RunContext
    ) -> [ModelResult] {
        options.models.enumerated().map { position, model in
            let runner = model.runner
            progress.step("\(workload) \(model) [\(position + 1)/\(options.models.count)]: warm-up")
            _ = runner.runBlocking(warmUp, count: count, context: context)
            var samples: [ModelResult.Sample] = []
            var check = ResultCheck.failed("not run")
            var spent = 0.0
            for round in 1...options.rounds {
                progress.step("\(workload) \(model) [\(position + 1)/\(options.models.count)]: round \(round)/\(options.rounds)")
                let (outcomes, timing) = Stopwatch.time { runner.runBlocking(job, count: count, context: context) }
                check = ResultCheck(outcomes, expected: expected)
                samples.append(.init(wall: timing.wall, cpu: timing.cpu))
                spent += timing.wall
                if !check.isOK || spent >= options.budgetPerModel { break }
            }
            progress.done("\(workload) \(model): \(samples.count) round(s), median \(format(Statistics.median(samples.map(\.wall)) ?? 0)) s, \(check)")
            return ModelResult(
                model: model.rawValue, antiPattern: model.isAntiPattern, samples: samples,
                check: check.description, ok: check.isOK, baselineChange: nil)
        }
    }

    private func format(_ seconds: Double) -> String {
        String((seconds * 1000).rounded() / 1000)
    }
}
