import Gate
import Runners
import Workloads

/// What `bench` was asked to do. Every default lives here.
struct BenchOptions: Sendable {
    enum Workload: String, CaseIterable, Sendable {
        case cpu, io, mixed, all

        /// Whether this choice runs `job`.
        func runs(_ job: Workload) -> Bool { self == .all || self == job }
    }

    enum Format: String, CaseIterable, Sendable {
        case table, markdown, json, csv, github
    }

    /// Jobs per run (K): the article runs 4.
    var cpuJobs = 4
    /// Primes are counted below this limit in each CPU job.
    var limit = 1_000_000
    /// Concurrent GETs per I/O run.
    var ioJobs = 100
    /// Seconds each GET waits on the server.
    var delay = 0.1
    /// Mixed jobs per run: each GETs /delay/mixedDelay, then counts primes below mixedLimit.
    var mixedJobs = 8
    var mixedDelay = 0.1
    /// About 0.1 s of counting per job in a release build here: both halves matter.
    var mixedLimit = 800_000
    /// Measured rounds per model (after one warm-up).
    var rounds = 5
    /// A model stops measuring once this much time went to it (at least one round).
    var budgetPerModel = 3.0
    var models = ConcurrencyModel.allCases
    var workload = Workload.all
    var format = Format.table
    var output: String?
    var chart: String?
    /// Server to GET from; nil starts the embedded delay server.
    var baseURL: HTTPURL?
    var timeout = 60.0
    var quiet = false
    var article = false
    /// Also run the seed's Python (`scripts/article.py`) on the same sizes, when python3 is on PATH.
    var python = false
    /// Show heap allocations per job in the tables (the JSON and CSV reports always carry them).
    var allocations = false
    var baselines = "baselines"

    /// The seed article's parameters: N = 15000, 4 jobs, 3 rounds, /delay/1.
    mutating func applyArticle() {
        article = true
        python = true
        cpuJobs = 4
        limit = 15_000
        ioJobs = 4
        delay = 1
        rounds = 3
        budgetPerModel = 30
    }
}
