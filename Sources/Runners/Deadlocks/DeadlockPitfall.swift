/// The article's last pitfall, "deadlocks: avoid circular dependencies
/// between locks", in the three forms Swift code meets it. Each hazard really
/// deadlocks, so it runs only in a child process under ``DeadlockWatch``;
/// each fix runs anywhere and its result is checked exactly.
public enum DeadlockPitfall: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Two threads take two locks in opposite order: the article's circular wait.
    case lockOrder = "lock-order"
    /// `DispatchQueue.sync` onto the serial queue the code already runs on.
    case queueSync = "queue-sync"
    /// Tasks block the cooperative pool's threads waiting for a task that needs one.
    case poolStarvation = "pool-starvation"

    public var description: String { rawValue }

    /// The hazard, in a few words.
    public var hazard: String {
        switch self {
        case .lockOrder: "2 threads take locks A and B in opposite order"
        case .queueSync: "a block on a serial queue calls sync on that queue"
        case .poolStarvation: "\(Self.blockedTasks) tasks block on a semaphore a later task signals"
        }
    }

    /// The ways out, the first the plain fix, then Swift 6's answer where there is one.
    public var fixes: [DeadlockFix] {
        switch self {
        case .lockOrder: [.oneLockOrder, .actors]
        case .queueSync: [.callDirectly]
        case .poolStarvation: [.awaitInstead]
        }
    }

    /// One line of advice for reports.
    public var advice: String {
        switch self {
        case .lockOrder:
            "take locks in one global order (or use one lock); with actors no lock is held across an await, "
                + "so nothing can wait in a circle, but between two awaits another task sees the state half-changed"
        case .queueSync:
            "code that may already run on a queue must not sync onto it: give it an on-queue function "
                + "(dispatchPrecondition(.onQueue)) and keep sync for callers from outside"
        case .poolStarvation:
            "never block a pool thread on work that needs the pool (the pool has one thread per CPU and does "
                + "not grow): await a continuation, a stream or a task's value instead of a semaphore"
        }
    }

    /// Runs the hazard in this process, recording in `graph` who holds and waits for what.
    /// Returns only if it did not deadlock, with what it did.
    func runHazard(_ graph: WaitGraph) -> String {
        switch self {
        case .lockOrder: Self.lockOrderHazard(graph)
        case .queueSync: Self.queueSyncHazard(graph)
        case .poolStarvation: Self.poolStarvationHazard(graph)
        }
    }
}

/// A way out of a ``DeadlockPitfall``, run and checked.
public enum DeadlockFix: String, CaseIterable, Sendable, CustomStringConvertible {
    case oneLockOrder = "one-lock-order"
    case actors
    case callDirectly = "call-directly"
    case awaitInstead = "await"

    public var description: String { rawValue }

    /// What the fix does, in a few words.
    public var summary: String {
        switch self {
        case .oneLockOrder: "both threads lock A, then B"
        case .actors: "Swift 6: an actor per account, awaited"
        case .callDirectly: "on the queue, call the on-queue function"
        case .awaitInstead: "the tasks await a continuation"
        }
    }

    /// How a run of the fix went.
    public struct Outcome: Sendable, Hashable {
        public var seconds: Double
        /// The result is exactly what it must be.
        public var exact: Bool
        /// What was done and checked: "200000 transfers, both balances 1000000".
        public var result: String
    }

    /// Runs the fix to the end and checks its result.
    public func run() throws(JobFailure.Cause) -> Outcome {
        switch self {
        case .oneLockOrder: try DeadlockPitfall.oneLockOrder()
        case .actors: DeadlockPitfall.actorTransfers()
        case .callDirectly: DeadlockPitfall.callDirectly()
        case .awaitInstead: DeadlockPitfall.awaitInstead()
        }
    }
}
