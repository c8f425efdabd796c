/// Every concurrency model the kit measures. Adding a model is one new runner
/// file and one case here; tests and reports iterate over `allCases`.
public enum ConcurrencyModel: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// One job after another on the calling thread: the reference.
    case serial
    /// One thread per job, joined.
    case threads
    /// GCD `concurrentPerform`: as wide as the core count.
    case dispatch
    /// `OperationQueue` with one slot per job.
    case operationQueue
    /// Structured concurrency on the global executor; non-blocking I/O.
    case tasks
    /// All jobs as tasks on one thread (the asyncio analog).
    case eventLoop
    /// I/O on the one-thread event loop, CPU handed to a pool as wide as the
    /// cores: the article's advice for mixed work (asyncio plus a process pool).
    case hybrid
    /// One child process (`bench-worker`) per job.
    case processes
    /// Threads that must hold one global lock to run (a CPython GIL emulation).
    case gil
    /// Anti-pattern: blocking I/O inside tasks starves the cooperative pool.
    case blockingTasks

    public var description: String { rawValue }

    /// The runner that implements this model.
    public var runner: any ModelRunner {
        switch self {
        case .serial: SerialRunner()
        case .threads: ThreadsRunner()
        case .dispatch: DispatchRunner()
        case .operationQueue: OperationQueueRunner()
        case .tasks: TasksRunner()
        case .eventLoop: EventLoopRunner()
        case .hybrid: HybridRunner()
        case .processes: ProcessesRunner()
        case .gil: GILRunner()
        case .blockingTasks: BlockingTasksRunner()
        }
    }

    /// One line on how the model runs jobs, for reports.
    public var summary: String {
        switch self {
        case .serial: "one job after another on one thread (reference)"
        case .threads: "one thread per job"
        case .dispatch: "GCD concurrentPerform, as wide as the cores"
        case .operationQueue: "OperationQueue, one slot per job"
        case .tasks: "task group on the global executor, non-blocking I/O"
        case .eventLoop: "all jobs as tasks on one thread (asyncio analog)"
        case .hybrid: "I/O on the event loop's thread, CPU on a pool as wide as the cores"
        case .processes: "one child process per job"
        case .gil: "threads behind one global lock, 5 ms switch interval (CPython GIL)"
        case .blockingTasks: "ANTI-PATTERN: blocking I/O inside tasks starves the pool"
        }
    }

    /// Whether the model is shown as a pitfall, never as a recommendation.
    public var isAntiPattern: Bool { self == .blockingTasks }

    /// Whether the model can run CPU jobs on several cores at once.
    public var runsCPUJobsInParallel: Bool {
        switch self {
        case .serial, .eventLoop, .gil: false
        case .threads, .dispatch, .operationQueue, .tasks, .hybrid, .processes, .blockingTasks: true
        }
    }

    /// Whether every job runs on one thread. Not so for `gil`: its K threads
    /// take turns, each on whichever core the scheduler wakes it, so a
    /// neighbour on any core competes with it.
    public var runsOnOneThread: Bool { self == .serial || self == .eventLoop }

    /// Cores `jobs` CPU jobs keep busy on `cores`: as many as run at once for a parallel model, else one.
    public func width(jobs: Int, cores: Int) -> Int { runsCPUJobsInParallel ? min(jobs, cores) : 1 }

    /// Cores its `jobs` jobs' threads and processes may run on: one for a one-thread model.
    public func exposure(jobs: Int, cores: Int) -> Int { runsOnOneThread ? 1 : min(jobs, cores) }

    /// Parses a model name, case-insensitively (`operationqueue` works too).
    public init?(name: String) {
        guard let model = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() })
        else { return nil }
        self = model
    }
}
