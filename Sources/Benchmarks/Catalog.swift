import Foundation
import Gate
import Runners
import Workloads

/// The gate's benchmarks, the one list: each (job, model) pair and each
/// shared-state variant as a ``Benchmark`` value (what is judged, its sizes,
/// its width) and what one sample of it measures. The XCTest suite, `bench
/// sample` (the gate's trials, in the build under test and in the
/// reference), bench's vs-baseline column and the self-test all read it.
///
/// Sizes: each sample lasts >= ~20 ms (stable on these VMs), so a trial
/// (a warm-up and one sample) takes a fraction of a second.
public enum Catalog {
    /// CPU jobs per run (the article's K) and concurrent GETs per I/O run.
    static let cpuJobs = 4
    static let requests = 4

    /// Primes below this per timed CPU job: ~25 ms a job in release, ~35 ms in
    /// debug. Long enough that `processes`' start of a child per job (~2.3 ms
    /// here) is a small part of it, short enough that a trial takes ~0.3 s.
    static var primeLimit: Int {
        #if DEBUG
        150_000
        #else
        300_000
        #endif
    }

    /// Primes below this per job when counting instructions: valgrind runs
    /// ~50x slower, and a count needs no length to be exact.
    static let instructionLimit = 30_000

    /// Seconds each GET waits on the server: long enough that the delay, not
    /// our overhead, dominates (8 x 0.05 s made `processes`, which starts a
    /// child per request, take 1.36-1.40 delays, its promise 1.35); short
    /// enough that serial (4 x 0.1 s) stays quick.
    static let delay = 0.1

    /// The CPUs this process may use (its affinity mask) and its CPU quota, read once.
    static let machine = Machine.current
    static let cores = machine.cores

    /// The sizes a CPU benchmark's baseline records, which bench's vs-baseline column compares with its own.
    public static func cpuSizes(jobs: Int, limit: Int) -> [String: String] {
        ["jobs": String(jobs), "primeLimit": String(limit)]
    }

    /// The sizes an I/O benchmark's baseline records.
    public static func ioSizes(requests: Int, delay: Double) -> [String: String] {
        ["requests": String(requests), "delaySeconds": String(delay)]
    }

    /// K prime-counting jobs under `model`, timed against a calibration as wide as the model.
    static func cpu(_ model: ConcurrencyModel) -> Benchmark {
        let width = model.width(jobs: cpuJobs, cores: cores)
        return Benchmark(
            id: BenchmarkID(job: "cpu", model: model.rawValue), kind: .cpu,
            parameters: cpuSizes(jobs: cpuJobs, limit: primeLimit).merging(["calibration": Calibration.version,
                "instructions": "bench once \(model) --jobs \(cpuJobs) --limit \(instructionLimit)"]) { $1 },
            width: width, cores: cores, exposure: model.exposure(jobs: cpuJobs, cores: cores),
            instructionCommand: ["once", model.rawValue, "--jobs", String(cpuJobs), "--limit", String(instructionLimit)])
    }

    /// One sample of ``cpu(_:)``.
    static func sampleCPU(_ model: ConcurrencyModel, _ size: SampleSize) -> Sampler {
        let width = model.width(jobs: cpuJobs, cores: cores)
        let limit = size.primes(primeLimit)
        let job = Job.primes(PrimeJob(limit: limit))
        let context = RunContext(timeout: .seconds(120))
        var turn = 0
        return { samples in
            // One job alone, then the yardstick, then the model: all within a few hundred milliseconds.
            let single = try soloJob(limit: limit, turn: turn)
            turn += 1
            let calibration = Calibration.measure(width: width)
            let ((outcomes, timing), allocations) = Allocations.during {
                Stopwatch.time { model.runner.runBlocking(job, count: cpuJobs, context: context) }
            }
            try checked(outcomes)
            samples.append(allocations: allocations, jobs: cpuJobs)
            samples.append(CPUObservation(wall: timing.wall, cpu: timing.cpu, calibration: calibration,
                                          single: single.mean, cpuSpread: single.spread, jobs: cpuJobs, width: width))
        }
    }

    /// K concurrent GETs of `/delay/0.1` on the embedded loopback server under `model`.
    static func io(_ model: ConcurrencyModel) -> Benchmark {
        var benchmark = Benchmark(
            id: BenchmarkID(job: "io", model: model.rawValue), kind: .io(waves: waves(model)),
            parameters: ioSizes(requests: requests, delay: delay).merging(["calibration": Calibration.version]) { $1 },
            width: 1, cores: cores, exposure: model.exposure(jobs: requests, cores: cores))
        if model == .operationQueue {
            // Both its time and its CPU per request moved 2-3x between recording batches here.
            let why = "libdispatch widens its pool over ~10 s of blocked workers (2 -> 3 -> 4 -> 8 wide here), "
                + "so its time and CPU depend on what ran before"
            benchmark.promiseOnly = [Metric.vsIdeal.name: why, Metric.cpuPerRequestPerCal.name: why]
        }
        return benchmark
    }

    /// One sample of ``io(_:)``, against the delay server at `server`.
    static func sampleIO(_ model: ConcurrencyModel, server: HTTPURL, _ size: SampleSize) -> Sampler {
        let delay = size.delay(delay)
        let job = Job.delayRequest(DelayRequestJob(base: server, delay: delay, timeout: .seconds(30)))
        let context = RunContext(timeout: .seconds(120))
        return { samples in
            let calibration = Calibration.measure()
            let ((outcomes, timing), allocations) = Allocations.during {
                Stopwatch.time { model.runner.runBlocking(job, count: requests, context: context) }
            }
            try checked(outcomes)
            samples.append(allocations: allocations, jobs: requests)
            samples.append(IOObservation(wall: timing.wall, cpu: timing.cpu, calibration: calibration,
                                         requests: requests, delay: delay))
        }
    }

    /// Delays one run of K blocking or non-blocking GETs takes by design:
    /// one per request for serial, one per pool-wide wave for pools as wide
    /// as the cores, one for models with every request in flight at once.
    static func waves(_ model: ConcurrencyModel) -> Int {
        switch model {
        case .serial: requests
        case .dispatch, .operationQueue, .blockingTasks: (requests + cores - 1) / cores
        case .threads, .tasks, .eventLoop, .hybrid, .processes, .gil: 1
        }
    }

    /// Mixed jobs per run, and each job's GET delay: with `primeLimit`, both
    /// halves of a job last ~20-25 ms in release, so neither hides the other.
    static let mixedJobs = 4
    static let mixedDelay = 0.02

    /// K mixed jobs (GET, then count primes) under `model`: its time over the
    /// ideal, and one job's computing over a one-thread calibration.
    static func mixed(_ model: ConcurrencyModel) -> Benchmark {
        let width = model.width(jobs: mixedJobs, cores: cores)
        return Benchmark(
            id: BenchmarkID(job: "mixed", model: model.rawValue), kind: .mixed,
            parameters: ["jobs": String(mixedJobs), "delaySeconds": String(mixedDelay),
                         "primeLimit": String(primeLimit), "calibration": Calibration.version],
            width: width, cores: cores, exposure: model.exposure(jobs: mixedJobs, cores: cores))
    }

    /// One sample of ``mixed(_:)``, against the delay server at `server`.
    static func sampleMixed(_ model: ConcurrencyModel, server: HTTPURL, _ size: SampleSize) -> Sampler {
        let width = model.width(jobs: mixedJobs, cores: cores)
        let (delay, limit) = (size.delay(mixedDelay), size.primes(primeLimit))
        let job = Job.mixed(MixedJob(request: DelayRequestJob(base: server, delay: delay, timeout: .seconds(30)),
                                     primes: PrimeJob(limit: limit)))
        let context = RunContext(timeout: .seconds(120))
        var turn = 0
        return { samples in
            let single = try soloJob(limit: limit, turn: turn)
            turn += 1
            let calibration = Calibration.measure()
            let ((outcomes, timing), allocations) = Allocations.during {
                Stopwatch.time { model.runner.runBlocking(job, count: mixedJobs, context: context) }
            }
            try checked(outcomes)
            samples.append(allocations: allocations, jobs: mixedJobs)
            samples.append(MixedObservation(wall: timing.wall, cpu: timing.cpu, calibration: calibration,
                                            single: single.mean, jobs: mixedJobs, width: width, delay: delay))
        }
    }

    /// Increments per job, per variant: one timed run of K = cores jobs lasts
    /// ~20 ms on these 2-core VMs (a contended `Mutex` increment costs ~110 ns
    /// in release, a per-job one ~2.6 ns; debug: ~650 and ~5 ns).
    static func increments(_ variant: SharedCounter) -> Int {
        #if DEBUG
        switch variant {
        case .mutex: 15_000
        case .atomic: 300_000
        case .actor: 30_000
        case .perJob: 2_000_000
        }
        #else
        switch variant {
        case .mutex: 100_000
        case .atomic: 500_000
        case .actor: 1_000_000
        case .perJob: 4_000_000
        }
        #endif
    }

    /// Increments when counting instructions, by one job alone: 10-20 M
    /// instructions of increments in release (a `Mutex` increment is ~43, an
    /// actor hop ~96, an atomic add ~1.25), beside bench's ~16 M of start-up.
    /// One job, because with two a job's count includes its waiting: the same
    /// debug binary counted the actor at 136 M on one core, 345 M and 479 M on
    /// two. Alone it counts the same to 5 digits, busy machine or not.
    static func instructionIncrements(_ variant: SharedCounter) -> Int {
        switch variant {
        case .mutex, .actor: 200_000
        case .atomic, .perJob: 8_000_000
        }
    }

    /// K = cores jobs each adding 1 to one shared total M times through
    /// `variant`, timed over a calibration as wide as K; and the instructions
    /// of one job's increments. The total is checked before the time counts.
    static func sharedState(_ variant: SharedCounter) -> Benchmark {
        let counted = ["shared", "--variants", variant.rawValue, "--jobs", "1",
                       "--increments", String(instructionIncrements(variant)), "--quiet"]
        let parameters = ["jobs": String(cores), "increments": String(increments(variant)), "calibration": Calibration.version,
                          "instructions": "bench " + counted.joined(separator: " ")]
        var benchmark = Benchmark(
            id: BenchmarkID(job: "shared", model: variant.rawValue), kind: .sharedState,
            parameters: parameters, width: cores, cores: cores, instructionCommand: counted)
        if variant == .mutex || variant == .atomic {
            // Measured: three recordings minutes apart on one VM, same code: mutex 3.03, 3.53, 2.58; atomic 2.04,
            // 2.31, 2.22 (per calibration). Per-job counters and the actor, which bounce no line, held to 1 %.
            benchmark.promiseOnly = [Metric.wallPerCal.name: "K cores fighting over one cache line: its time depends on "
                + "where the hypervisor runs them and who wins each race, not only on the code; instructions judge the code"]
        }
        return benchmark
    }

    /// One sample of ``sharedState(_:)``: K = cores jobs, the total checked before the time counts.
    static func sampleSharedState(_ variant: SharedCounter, _ size: SampleSize) -> Sampler {
        let jobs = cores
        let m = size.increments(increments(variant))
        return { samples in
            let calibration = Calibration.measure(width: jobs)
            let ((total, timing), allocations) = try Allocations.during {
                try Stopwatch.time { try variant.runBlocking(jobs: jobs, increments: m) }
            }
            guard total == jobs * m else { throw JobFailure.Cause.worker("\(variant): total \(total), expected \(jobs * m)") }
            samples.append(allocations: allocations, jobs: jobs)
            samples.append(SharedStateObservation(wall: timing.wall, cpu: timing.cpu, calibration: calibration))
        }
    }

    /// CPU seconds one prime job takes alone, averaged over the CPUs the models
    /// may run on, and how far apart those CPUs were (slowest / fastest - 1):
    /// pinned to each in turn (at most `cpuJobs` of them, the next ones at
    /// each `turn` where there are more), its count checked. It runs the way
    /// the `serial` model runs its jobs (called directly, `PrimeJob.run()`
    /// timed 10-17 % slower than a job inside a serial run in a fresh `bench`
    /// process, which made serial's efficiency read 1.1).
    ///
    /// Each CPU, because one VM's CPUs differ, and not always the same one:
    /// here one job alone took 16-19 ms pinned to one CPU and 28-31 ms on
    /// the other for seconds on end (thread CPU time = wall: the CPU itself
    /// ran slow), and on a CI VM the event loop's thread ran its jobs ~20 %
    /// slower than one job alone on the main thread (debug cpu.eventLoop
    /// efficiency 0.82 over 20 samples) while serial, on the main thread, kept
    /// its speed. A debug build's unoptimised kernel ran 11.5 ms or 20 ms on
    /// one CPU for seconds at a time (a Zen 4 VM, no steal time), the release
    /// kernel 21.3-22.4 ms on both throughout, in processes run alternately:
    /// the spread is the code's on that CPU, so the models see it too.
    /// CPU time, not wall, so another process sharing one of the CPUs (which
    /// the busy rule judges) does not read as that CPU being slow.
    static func soloJob(limit: Int, turn: Int) throws -> (mean: Double, spread: Double) {
        let count = max(1, min(machine.allowedCPUs.count, cpuJobs))
        var times: [Double] = []
        for index in 0..<count {
            let previous = machine.pin(toAllowed: turn * count + index)
            defer { if let previous { machine.restore(previous) } }
            let start = Stopwatch.threadCPU()
            let outcomes = ConcurrencyModel.serial.runner.runBlocking(.primes(PrimeJob(limit: limit)), count: 1,
                                                                      context: RunContext())
            times.append(Stopwatch.threadCPU() - start)
            try checked(outcomes)
        }
        return (times.reduce(0, +) / Double(count), times.max()! / max(times.min()!, 1e-9) - 1)
    }

    /// Throws the first failed job: a wrong result is never timed.
    private static func checked(_ outcomes: [JobOutcome]) throws(JobFailure) {
        for outcome in outcomes { _ = try outcome.get() }
    }
}
