#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Tasks that each wait for a token a later task hands out.
extension DeadlockPitfall {
    /// More tasks than the cooperative pool has threads (one per online CPU) on any machine up to 16 CPUs.
    static var blockedTasks: Int { max(16, 2 * sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The waiting tasks block in `DispatchSemaphore.wait`: the first ones take
    /// every pool thread, so the task that signals never starts.
    static func poolStarvationHazard(_ graph: WaitGraph) -> String {
        let count = blockedTasks
        let names = (1...count).map { "task \($0)" }
        graph.expect(names + ["signaller"])
        let semaphore = DispatchSemaphore(value: 0)
        return waitForTask {
            await withTaskGroup(of: Void.self) { group in
                for name in names {
                    group.addTask {
                        graph.waits(name, for: "the semaphore")
                        semaphore.wait()
                        graph.finished(name)
                    }
                }
                group.addTask {
                    graph.runs("signaller")
                    for _ in 0..<count { semaphore.signal() }
                    graph.finished("signaller")
                }
            }
            return "all \(count) tasks and the signaller ran: the pool had a thread to spare"
        }
    }

    /// The fix: the tasks await a token; an awaiting task gives its thread back to the pool.
    static func awaitInstead() -> DeadlockFix.Outcome {
        let count = blockedTasks
        let tokens = Tokens()
        let (woken, timing) = Stopwatch.time {
            waitForTask {
                await withTaskGroup(of: Int.self) { group in
                    for _ in 0..<count { group.addTask { await tokens.take() } }
                    group.addTask {
                        for token in 1...count { await tokens.put(token) }
                        return 0
                    }
                    return await group.reduce(0, +)
                }
            }
        }
        let expected = count * (count + 1) / 2
        return DeadlockFix.Outcome(seconds: timing.wall, exact: woken == expected,
                                   result: "\(count) tasks each took a token: sum \(woken), expected \(expected)")
    }
}

/// Tokens handed to waiting tasks in order; a task that finds none suspends (it does not block).
private actor Tokens {
    private var available: [Int] = []
    private var waiting: [CheckedContinuation<Int, Never>] = []

    func take() async -> Int {
        if !available.isEmpty { return available.removeFirst() }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func put(_ token: Int) {
        if waiting.isEmpty { available.append(token) } else { waiting.removeFirst().resume(returning: token) }
    }
}
