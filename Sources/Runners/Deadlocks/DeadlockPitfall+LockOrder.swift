#if canImport(Glibc)
import Glibc
#endif
import CLinux
import Synchronization
import Workloads

/// Two accounts; thread 1 moves money from A to B, thread 2 from B to A,
/// one unit a transfer, each transfer holding both accounts' locks.
extension DeadlockPitfall {
    static let transfers = 100_000
    static let opening = 1_000_000

    /// Each thread locks its source, then its destination: opposite orders. The
    /// first transfer of each waits until the other holds its first lock, the
    /// interleaving that deadlocks, made certain (left to chance, some runs escape it).
    static func lockOrderHazard(_ graph: WaitGraph) -> String {
        let a = LockedAccount("lock A"), b = LockedAccount("lock B")
        let firstLocksHeld = Atomic<Int>(0)
        let outcome = Result { () throws(JobFailure.Cause) in
            try onTwoThreads { index in
                let (from, to) = index == 0 ? (a, b) : (b, a)
                let me = "thread \(index + 1)"
                for transfer in 0..<transfers {
                    graph.waits(me, for: from.name)
                    from.balance.withLock { source in
                        graph.holds(me, from.name)
                        if transfer == 0 {
                            firstLocksHeld.add(1, ordering: .acquiringAndReleasing)
                            while firstLocksHeld.load(ordering: .acquiring) < 2 { sched_yield() }
                        }
                        graph.waits(me, for: to.name)
                        to.balance.withLock { destination in
                            graph.holds(me, to.name)
                            source -= 1
                            destination += 1
                            graph.releases(me, to.name)
                        }
                        graph.releases(me, from.name)
                    }
                }
                graph.finished(me)
            }
        }
        if case .failure(let cause) = outcome { return "could not start its threads: \(cause)" }
        return "completed \(2 * transfers) transfers without a deadlock"
    }

    /// The fix: every thread takes the locks in one order (A, then B), whichever way the money goes.
    static func oneLockOrder() throws(JobFailure.Cause) -> DeadlockFix.Outcome {
        let a = LockedAccount("lock A"), b = LockedAccount("lock B")
        let (started, timing) = Stopwatch.time {
            Result { () throws(JobFailure.Cause) in try onTwoThreads { index in
                let towardsB = index == 0
                for _ in 0..<transfers {
                    a.balance.withLock { balanceA in
                        b.balance.withLock { balanceB in
                            balanceA += towardsB ? -1 : 1
                            balanceB += towardsB ? 1 : -1
                        }
                    }
                }
            } }
        }
        try started.get()
        return balancesChecked((a.balance.withLock { $0 }, b.balance.withLock { $0 }), seconds: timing.wall)
    }

    /// Swift 6's answer: an actor per account. A transfer awaits one, then the
    /// other, holding nothing in between: no circle of waits can form.
    static func actorTransfers() -> DeadlockFix.Outcome {
        let a = AccountActor(), b = AccountActor()
        let (balances, timing) = Stopwatch.time {
            waitForTask {
                await withTaskGroup(of: Void.self) { group in
                    for (from, to) in [(a, b), (b, a)] {
                        group.addTask {
                            for _ in 0..<transfers {
                                await from.add(-1)
                                await to.add(1)
                            }
                        }
                    }
                }
                return (await a.balance, await b.balance)
            }
        }
        return balancesChecked(balances, seconds: timing.wall)
    }

    /// Every transfer went one way or the other as often: both balances are back where they opened.
    private static func balancesChecked(_ balances: (Int, Int), seconds: Double) -> DeadlockFix.Outcome {
        DeadlockFix.Outcome(seconds: seconds, exact: balances == (opening, opening),
                            result: "\(2 * transfers) transfers, balances \(balances.0) and \(balances.1)")
    }

    /// Runs `body(0)` and `body(1)` on two threads and joins both.
    private static func onTwoThreads(_ body: @escaping @Sendable (Int) -> Void) throws(JobFailure.Cause) {
        var threads: [JoinableThread] = []
        defer { threads.forEach { $0.join() } }
        for index in 0..<2 {
            threads.append(try JoinableThread(name: "kit-deadlock-\(index)") {
                // Named so a test can see none is left; a literal, so naming allocates nothing.
                _ = pthread_setname_np(pthread_self(), "kit-deadlock")
                body(index)
            })
        }
    }
}

/// A balance behind a pthread mutex (ThreadSanitizer sees its ordering; it cannot see `Mutex`'s on Linux).
private final class LockedAccount: Sendable {
    let name: String
    let balance = PThreadMutex(DeadlockPitfall.opening)

    init(_ name: String) { self.name = name }
}

private actor AccountActor {
    private(set) var balance = DeadlockPitfall.opening

    func add(_ amount: Int) { balance += amount }
}
