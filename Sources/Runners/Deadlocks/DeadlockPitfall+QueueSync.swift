import Dispatch

/// A counter whose value only blocks on its serial queue touch: callers from
/// outside use `sync`; code already on the queue must not.
extension DeadlockPitfall {
    static let queueAdds = 20_000

    /// A block on the serial queue calls `sync` on the same queue: it waits for
    /// itself to finish. libdispatch traps this case (SIGILL) rather than hang.
    static func queueSyncHazard(_ graph: WaitGraph) -> String {
        let queue = DispatchQueue(label: "kit.serial")
        let party = "a block on kit.serial", resource = "queue kit.serial"
        let done = DispatchSemaphore(value: 0)
        queue.async {
            graph.holds(party, resource)
            graph.waits(party, for: resource)
            queue.sync {}
            graph.finished(party)
            done.signal()
        }
        done.wait()
        return "the block's sync onto its own queue returned"
    }

    /// The fix: outside callers `sync`; blocks already on the queue call the on-queue function.
    static func callDirectly() -> DeadlockFix.Outcome {
        let counter = SerialCounter()
        let (total, timing) = Stopwatch.time {
            for _ in 0..<queueAdds / 2 {
                counter.add()
                counter.queue.async { counter.addOnQueue() }
            }
            return counter.value
        }
        return DeadlockFix.Outcome(seconds: timing.wall, exact: total == queueAdds,
                                   result: "\(queueAdds) adds, half from the queue itself: total \(total)")
    }
}

// Safe: `count` is read and written only by blocks on `queue`, a serial queue,
// so no two accesses run at once; `addOnQueue` checks it runs there.
private final class SerialCounter: @unchecked Sendable {
    let queue = DispatchQueue(label: "kit.counter")
    private var count = 0

    /// For callers that are not on the queue.
    func add() { queue.sync { addOnQueue() } }

    var value: Int { queue.sync { count } }

    /// For code already on the queue.
    func addOnQueue() {
        dispatchPrecondition(condition: .onQueue(queue))
        count += 1
    }
}
