import Gate
import Benchmarks
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

    /// GET `/delay/<delay>`, then count the primes below `limit`.
    static func mixedJob(_ options: BenchOptions, base: HTTPURL, delay: Double, limit: Int) -> Job {
        .mixed(MixedJob(request: DelayRequestJob(base: base, delay: delay,
                                                 timeout: .milliseconds(Int64(options.timeout * 1000))),
                        primes: PrimeJob(limit: limit)))
    }

    /// Measures every asked-for job under every asked-for model; after each
    /// model, `measured` gets everything finished so far (for an interrupted run's report).
    func run(baseURL: HTTPURL, measured: ([WorkloadResult]) -> Void = { _ in }) -> [WorkloadResult] {
        var results: [WorkloadResult] = []
        let context = RunContext(timeout: .milliseconds(Int64(options.timeout * 1000)))
        if options.workload.runs(.cpu) {
            let job = Job.primes(PrimeJob(limit: options.limit))
            let warmUp = Job.primes(PrimeJob(limit: max(2, options.limit / 10)))
            let expected = JobResult.primeCount(ReferencePrimeCount.count(below: options.limit))
            let cpu = { (models: [ModelResult]) in
                WorkloadResult(
                    workload: "cpu",
                    title: "CPU-bound: \(options.cpuJobs) jobs, each counting primes below \(options.limit)",
                    // K jobs on C cores can at best run min(K, C) at a time.
                    ideal: models.first { $0.model == ConcurrencyModel.serial.rawValue }
                        .map { $0.medianWall / Double(max(1, min(HostFacts.cores, options.cpuJobs))) },
                    models: models)
            }
            results.append(cpu(measure("cpu", job, warmUp: warmUp, count: options.cpuJobs, expected: expected,
                                       context: context) { measured(results + [cpu($0)]) }))
        }
        if options.workload.runs(.io) {
            let job = Self.delayJob(options, base: baseURL, delay: options.delay)
            let warmUp = Self.delayJob(options, base: baseURL, delay: 0)
            let io = { (models: [ModelResult]) in
                WorkloadResult(
                    workload: "io",
                    title: "I/O-bound: \(options.ioJobs) concurrent GETs of "
                        + DelayRequestJob(base: baseURL, delay: options.delay).url.description,
                    ideal: options.delay,
                    models: models)
            }
            results.append(io(measure("io", job, warmUp: warmUp, count: options.ioJobs, expected: nil,
                                      context: context) { measured(results + [io($0)]) }))
        }
        if options.workload.runs(.mixed) {
            let job = Self.mixedJob(options, base: baseURL, delay: options.mixedDelay, limit: options.mixedLimit)
            let warmUp = Self.mixedJob(options, base: baseURL, delay: 0, limit: max(2, options.mixedLimit / 10))
            let expected = JobResult.mixed(status: 200, primes: ReferencePrimeCount.count(below: options.mixedLimit))
            let (jobs, delay) = (options.mixedJobs, options.mixedDelay)
            let mixed = { (models: [ModelResult]) in
                WorkloadResult(
                    workload: "mixed",
                    title: "Mixed: \(jobs) jobs, each GET /delay/\(DelayRequestJob.format(delay)) then counting primes below "
                        + "\(options.mixedLimit)",
                    // Serial takes K x (delay + compute); at best every GET overlaps and the
                    // computing spreads over min(K, cores) cores once the answers are in.
                    ideal: models.first { $0.model == ConcurrencyModel.serial.rawValue }.map { serial in
                        let compute = max(0, serial.medianWall / Double(jobs) - delay)
                        return delay + compute * Double(jobs) / Double(max(1, min(HostFacts.cores, jobs)))
                    },
                    models: models)
            }
            results.append(mixed(measure("mixed", job, warmUp: warmUp, count: jobs, expected: expected,
                                         context: context) { measured(results + [mixed($0)]) }))
        }
        return results
    }

    private func measure(
        _ workload: String, _ job: Job, warmUp: Job, count: Int, expected: JobResult?, context: RunContext,
        measured: ([ModelResult]) -> Void
    ) -> [ModelResult] {
        var models: [ModelResult] = []
        for (position, model) in options.models.enumerated() {
            // Every job ends by the run's deadline; a model still stuck well past it is deadlocked.
            let stall = Duration.milliseconds(Int64(options.timeout * 1000)) + .seconds(5)
            models.append(RunProgress.watch(stall: stall, {
                measure(workload, model, job, warmUp: warmUp, count: count, expected: expected, context: context,
                        position: position)
            }, onStall: { why in InterruptHandling.stalled("\(workload) \(model): \(why)") }))
            // Kept before it is announced: a SIGINT right after the line must still find the row.
            measured(models)
            let last = models[models.count - 1]
            progress.done("\(workload) \(model): \(last.samples.count) round(s), median \(format(last.medianWall)) s, \(last.check)")
        }
        return models
    }

    /// One model's warm-up and rounds.
    private func measure(
        _ workload: String, _ model: ConcurrencyModel, _ job: Job, warmUp: Job, count: Int, expected: JobResult?,
        context: RunContext, position: Int
    ) -> ModelResult {
        let runner = model.runner
        progress.step("\(workload) \(model) [\(position + 1)/\(options.models.count)]: warm-up")
        _ = runner.runBlocking(warmUp, count: count, context: context)
        var samples: [ModelResult.Sample] = []
        var check = ResultCheck.failed("not run")
        var spent = 0.0
        for round in 1...options.rounds {
            progress.step("\(workload) \(model) [\(position + 1)/\(options.models.count)]: round \(round)/\(options.rounds)")
            let ((outcomes, timing), allocations) = Allocations.during {
                Stopwatch.time { runner.runBlocking(job, count: count, context: context) }
            }
            check = ResultCheck(outcomes, expected: expected)
            samples.append(.init(wall: timing.wall, cpu: timing.cpu,
                                 allocations: allocations.map { Double($0) / Double(max(count, 1)) }))
            spent += timing.wall
            if !check.isOK || spent >= options.budgetPerModel { break }
        }
        if workload != "cpu" { runner.closeIdleConnections() }
        return ModelResult(model: model.rawValue, antiPattern: model.isAntiPattern, samples: samples,
                           check: check.description, ok: check.isOK, baselineChange: nil)
    }

    private func format(_ seconds: Double) -> String {
        String((seconds * 1000).rounded() / 1000)
    }
}
