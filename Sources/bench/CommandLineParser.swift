import Gate
import Runners
import Workloads

/// A wrong command line: printed with the usage, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

/// What the command line asks for.
enum Command {
    case experiment(BenchOptions)
    case serve(port: Int)
    case once(Once.Options)
    case sample(id: String, samples: Int)
    case shared(SharedState.Options)
    case payload(PayloadCost.Options)
    case deadlock(Deadlocks.Options)
    case deadlockHazard(DeadlockPitfall)
    case scale(Scaling.Options)
    case help
}

/// Parses `bench`'s arguments by hand (no dependencies).
enum CommandLineParser {
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        var rest = arguments[...]
        if rest.first == "serve" {
            rest.removeFirst()
            var port = 8080
            while let flag = rest.popFirst() {
                switch flag {
                case "--port": port = try integer(flag, &rest, in: 0...65_535)
                case "-h", "--help": return .help
                default: throw UsageError(description: "unknown option for serve: \(flag)")
                }
            }
            return .serve(port: port)
        }
        if rest.first == "shared" {
            rest.removeFirst()
            var shared = SharedState.Options()
            while let flag = rest.popFirst() {
                switch flag {
                case "--jobs": shared.jobs = try integers(flag, &rest, in: 1...256)
                case "--increments": shared.increments = try integer(flag, &rest, in: 1...100_000_000)
                case "--variants": shared.variants = try variants(try value(flag, &rest))
                case "-q", "--quiet": shared.quiet = true
                case "-h", "--help": return .help
                default: throw UsageError(description: "unknown option for shared: \(flag)")
                }
            }
            return .shared(shared)
        }
        if rest.first == "scale" || rest.first == "--scale" {
            rest.removeFirst()
            var scale = Scaling.Options()
            while let flag = rest.popFirst() {
                switch flag {
                case "--models": scale.models = try models(try value(flag, &rest))
                case "--rounds": scale.rounds = try integer(flag, &rest, in: 1...100)
                case "-n", "--limit": scale.limit = try integer(flag, &rest, in: 0...100_000_000)
                case "--delay": scale.delay = try delay(flag, &rest)
                case "--budget": scale.budget = try number(flag, &rest, in: 0.1...3_600)
                case "--chart": scale.chart = try value(flag, &rest)
                case "-q", "--quiet": scale.quiet = true
                case "-h", "--help": return .help
                default: throw UsageError(description: "unknown option for scale: \(flag)")
                }
            }
            return .scale(scale)
        }
        if rest.first == "payload" {
            rest.removeFirst()
            var payload = PayloadCost.Options()
            while let flag = rest.popFirst() {
                switch flag {
                case "--jobs": payload.jobs = try integer(flag, &rest, in: 1...64)
                case "--sizes": payload.sizes = try integers(flag, &rest, in: 0...268_435_456)
                case "--rounds": payload.rounds = try integer(flag, &rest, in: 1...100)
                case "-n", "--limit": payload.limit = try integer(flag, &rest, in: 1_000...100_000_000)
                case "-q", "--quiet": payload.quiet = true
                case "-h", "--help": return .help
                default: throw UsageError(description: "unknown option for payload: \(flag)")
                }
            }
            return .payload(payload)
        }
        if rest.first == "deadlock" {
            rest.removeFirst()
            var deadlock = Deadlocks.Options()
            while let flag = rest.popFirst() {
                switch flag {
                case "--format": deadlock.format = try choice(flag, &rest, Deadlocks.Options.Format.self)
                case "-o", "--output": deadlock.output = try value(flag, &rest)
                case "-q", "--quiet": deadlock.quiet = true
                case "-h", "--help": return .help
                default: throw UsageError(description: "unknown option for deadlock: \(flag)")
                }
            }
            return .deadlock(deadlock)
        }
        if rest.first == "deadlock-hazard" {
            rest.removeFirst()
            guard let name = rest.popFirst(), let pitfall = DeadlockPitfall(rawValue: name), rest.isEmpty else {
                throw UsageError(description: "deadlock-hazard needs one of "
                    + DeadlockPitfall.allCases.map(\.rawValue).joined(separator: ", ") + " (bench deadlock runs it)")
            }
            return .deadlockHazard(pitfall)
        }
        if rest.first == "sample" {
            rest.removeFirst()
            guard let id = rest.popFirst(), !id.hasPrefix("-") else {
                throw UsageError(description: "sample needs a benchmark id, e.g. cpu.serial (the gate's trial)")
            }
            var samples = 2
            while let flag = rest.popFirst() {
                switch flag {
                case "--samples": samples = try integer(flag, &rest, in: 1...1_000)
                default: throw UsageError(description: "unknown option for sample: \(flag)")
                }
            }
            return .sample(id: id, samples: samples)
        }
        if rest.first == "once" {
            rest.removeFirst()
            guard let name = rest.popFirst(), let model = ConcurrencyModel(name: name) else {
                throw UsageError(description: "once needs a model: "
                    + ConcurrencyModel.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var once = Once.Options(model: model)
            while let flag = rest.popFirst() {
                switch flag {
                case "--jobs": once.jobs = try integer(flag, &rest, in: 1...1_000)
                case "-n", "--limit": once.limit = try integer(flag, &rest, in: 0...100_000_000)
                case "-h", "--help": return .help
                default: throw UsageError(description: "unknown option for once: \(flag)")
                }
            }
            return .once(once)
        }
        var options = BenchOptions()
        while let flag = rest.popFirst() {
            switch flag {
            case "-h", "--help": return .help
            case "--article": options.applyArticle()
            case "--python": options.python = true
            case "--allocations": options.allocations = true
            case "--jobs":
                // Both workloads: the tighter limit (--io-jobs alone goes to 10000).
                let jobs = try integer(flag, &rest, in: 1...1_000)
                options.cpuJobs = jobs
                options.ioJobs = jobs
            case "--cpu-jobs": options.cpuJobs = try integer(flag, &rest, in: 1...1_000)
            case "--io-jobs": options.ioJobs = try integer(flag, &rest, in: 1...10_000)
            case "-n", "--limit": options.limit = try integer(flag, &rest, in: 0...100_000_000)
            case "--rounds": options.rounds = try integer(flag, &rest, in: 1...1_000)
            case "--delay": options.delay = try delay(flag, &rest)
            case "--mixed-jobs": options.mixedJobs = try integer(flag, &rest, in: 1...1_000)
            case "--mixed-delay": options.mixedDelay = try delay(flag, &rest)
            case "--mixed-limit": options.mixedLimit = try integer(flag, &rest, in: 0...100_000_000)
            case "--budget": options.budgetPerModel = try number(flag, &rest, in: 0...3_600)
            case "--timeout": options.timeout = try number(flag, &rest, in: 0.001...3_600)
            case "--url":
                let text = try value(flag, &rest)
                do { options.baseURL = try HTTPURL(text) } catch {
                    guard case .invalidURL(_, let reason) = error else { throw UsageError(description: "--url \(text): \(error)") }
                    throw UsageError(description: "--url \(text): \(reason)")
                }
                // The jobs GET /get and /delay/S at the server's root: a prefix or query would be dropped.
                if let target = options.baseURL?.target, target != "/" {
                    throw UsageError(description: "--url \(text): the path or query \(target.prefix(40)) would be "
                        + "ignored (the jobs GET /get and /delay/S at the root); give only http://host:port")
                }
            case "--models": options.models = try models(try value(flag, &rest))
            case "--workload": options.workload = try choice(flag, &rest, BenchOptions.Workload.self)
            case "--format": options.format = try choice(flag, &rest, BenchOptions.Format.self)
            case "-o", "--output": options.output = try value(flag, &rest)
            case "--chart": options.chart = try value(flag, &rest)
            case "--baselines": options.baselines = try value(flag, &rest)
            case "-q", "--quiet": options.quiet = true
            default: throw UsageError(description: "unknown option: \(flag)")
            }
        }
        return .experiment(options)
    }

    private static func value(_ flag: String, _ rest: inout ArraySlice<String>) throws(UsageError) -> String {
        guard let value = rest.popFirst(), !value.hasPrefix("--") else {
            throw UsageError(description: "\(flag) needs a value")
        }
        return value
    }

    private static func integer(_ flag: String, _ rest: inout ArraySlice<String>, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        let text = try value(flag, &rest)
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(description: "\(flag) takes a whole number in \(range.lowerBound)...\(range.upperBound), not \(text)")
        }
        return number
    }

    private static func number(_ flag: String, _ rest: inout ArraySlice<String>, in range: ClosedRange<Double>) throws(UsageError) -> Double {
        let text = try value(flag, &rest)
        guard let number = Double(text), range.contains(number) else {
            throw UsageError(description: "\(flag) takes a number in \(range.lowerBound)...\(range.upperBound), not \(text)")
        }
        return number
    }

    /// Seconds a GET waits: 0, or 1 ms to 10 s (httpbin's cap). Below 1 ms the path
    /// would read `/delay/1e-30` and every figure divided by the delay overflows.
    private static func delay(_ flag: String, _ rest: inout ArraySlice<String>) throws(UsageError) -> Double {
        let seconds = try number(flag, &rest, in: 0...10)
        guard seconds == 0 || seconds >= 0.001 else {
            throw UsageError(
                description: "\(flag) takes 0 or 0.001...10 seconds, not \(seconds) (1 ms is the shortest delay)")
        }
        return seconds
    }

    private static func choice<T: RawRepresentable & CaseIterable>(
        _ flag: String, _ rest: inout ArraySlice<String>, _: T.Type
    ) throws(UsageError) -> T where T.RawValue == String {
        let text = try value(flag, &rest)
        guard let found = T(rawValue: text.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(description: "\(flag) takes one of \(allowed), not \(text)")
        }
        return found
    }

    /// A comma-separated list of whole numbers, each in `range`: `1,2,4,8`.
    private static func integers(_ flag: String, _ rest: inout ArraySlice<String>, in range: ClosedRange<Int>)
        throws(UsageError) -> [Int] {
        let text = try value(flag, &rest)
        let numbers = text.split(separator: ",").compactMap { Int($0) }.filter(range.contains)
        guard !numbers.isEmpty, numbers.count == text.split(separator: ",").count else {
            throw UsageError(description: "\(flag) takes whole numbers in \(range.lowerBound)...\(range.upperBound), "
                + "comma-separated, like 1,2,4,8; not \(text)")
        }
        return numbers
    }

    private static func variants(_ text: String) throws(UsageError) -> [SharedCounter] {
        try names(text, flag: "--variants", noun: "variant", from: SharedCounter.allCases, parse: SharedCounter.init(rawValue:))
    }

    private static func models(_ text: String) throws(UsageError) -> [ConcurrencyModel] {
        // Case-insensitive, as the model names are (SERIAL is serial).
        if text.lowercased() == "all" { return ConcurrencyModel.allCases }
        return try names(text, flag: "--models", noun: "model", from: ConcurrencyModel.allCases, orAll: true,
                         parse: ConcurrencyModel.init(name:))
    }

    /// A comma-separated list of names, each one of `cases`, without repeats.
    private static func names<T: RawRepresentable<String> & Equatable>(
        _ text: String, flag: String, noun: String, from cases: [T], orAll: Bool = false, parse: (String) -> T?
    ) throws(UsageError) -> [T] {
        var chosen: [T] = []
        for name in text.split(separator: ",") {
            guard let value = parse(String(name)) else {
                let allowed = cases.map(\.rawValue).joined(separator: ", ") + (orAll ? ", or all" : "")
                throw UsageError(description: "\(flag): unknown \(noun) \(name); choose from \(allowed)")
            }
            if !chosen.contains(value) { chosen.append(value) }
        }
        guard !chosen.isEmpty else { throw UsageError(description: "\(flag) needs at least one \(noun)") }
        return chosen
    }

    static let usage = """
    USAGE: bench [options]          run the experiment: every concurrency model on a
                                    CPU-bound, an I/O-bound and a mixed job, with a decision guide
           bench serve [--port N]   run only the delay server on 127.0.0.1 (default 8080)
           bench shared [--jobs 1,2,4,8] [--increments M] [--variants mutex,atomic,actor,perJob]
                                    K jobs add 1 to one total M times (default 1000000) through a
                                    Mutex, an Atomic, an actor, or per-job counts: ns per increment
           bench scale [--chart FILE.svg] [--models LIST] [--rounds R] [--limit N] [--delay S]
                                    every model at K = 1, cores, 2 x, 4 x cores (CPU) and K = 1, 10,
                                    100, 1000 (I/O): where the curves cross (also: bench --scale)
           bench payload [--jobs K] [--sizes 0,65536,1048576,16777216] [--rounds R]
                                    K children each send a payload back over a pipe, every byte
                                    checked: the cost per MiB against one prime job
           bench deadlock [--format table|json|markdown] [-o FILE]
                                    the three deadlocks Swift code meets (lock order, sync onto
                                    the queue it runs on, a blocked cooperative pool), each in a
                                    child process that names what is stuck, beside its checked fix
           bench once MODEL [--jobs K] [--limit N]
                                    run one model once on K prime jobs (default 4 x 100000), no
                                    timing: for valgrind or a profiler (the gate counts instructions so)
           bench sample ID [--samples N]
                                    one gate trial of benchmark ID (cpu.serial, io.tasks, ...): a warm-up
                                    and N samples, printed as one JSON object

    OPTIONS:
      --article            the seed article's parameters: N=15000, 4 jobs, 3 rounds, /delay/1; with --python
      --python             also run the seed's Python (scripts/article.py, python3 from PATH) on the same
                           sizes and server, and print Swift and Python side by side
      --allocations        add a column of heap allocations per job (the least of the rounds)
      --workload W         cpu, io, mixed or all (default all)
      --models LIST        comma-separated models or all (default all):
                           \(ConcurrencyModel.allCases.map(\.rawValue).joined(separator: ", "))
      -n, --limit N        CPU job: count primes below N (default 1000000)
      --jobs K             jobs per run for both workloads, up to 1000 (--cpu-jobs up to 1000,
                           --io-jobs up to 10000: one of them)
                           (defaults: 4 CPU jobs, 100 GETs)
      --delay S            I/O job: GET /delay/S, seconds, fractions allowed (default 0.1)
      --mixed-jobs K       mixed job (GET /delay/S, then count primes below N): jobs per run (default 8)
      --mixed-delay S      mixed job: seconds each GET waits (default 0.1)
      --mixed-limit N      mixed job: count primes below N after the GET (default 800000)
      --url URL            server for the I/O job, e.g. http://127.0.0.1:8081 (a real httpbin);
                           default: the embedded delay server on an ephemeral loopback port
      --rounds R           measured rounds per model after one warm-up (default 5)
      --budget S           stop measuring a model after S seconds, keeping >= 1 round (default 3)
      --timeout S          a run taking longer fails its jobs (default 60)
      --format F           table, markdown, json, csv, or github (github-action-benchmark's
                           customSmallerIsBetter JSON) (default table)
      -o, --output FILE    write the report there instead of stdout
      --chart FILE.svg     also write an SVG chart of time per model, ideal marked
      --baselines DIR      committed baselines to compare with (default baselines)
      -q, --quiet          no progress lines on stderr
      -h, --help           this text

    EXIT STATUS: 0 all results correct; 1 a result check failed or a run error; 2 usage error.
    """
}
