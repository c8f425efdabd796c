#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Runs a ``DeadlockPitfall``'s hazard in this process and watches its
/// ``WaitGraph`` until it deadlocks or completes; then prints one line,
/// `<ending> <what>`, and ends the process (a deadlocked thread cannot be
/// unwound). Meant for a child process: `bench deadlock` starts one per hazard.
public enum DeadlockWatch {
    /// How a hazard ended.
    public enum Ending: String, Sendable, CaseIterable {
        /// The waits form a cycle, or every started party waited while nothing moved.
        case deadlock
        /// The runtime stopped the process (libdispatch traps some deadlocks) with a waiting party recorded.
        case trapped
        /// It finished: no deadlock this time.
        case completed
        /// It neither finished nor showed a cycle or a stall within ``limit``.
        case hung

        /// The process's exit status for this ending.
        public var status: Int32 {
            switch self {
            case .completed: 0
            case .deadlock: 3
            case .trapped: 4
            case .hung: 5
            }
        }
    }

    /// Nothing recorded changes for this long while every started party waits: a stall.
    public static let quiet: Duration = .milliseconds(200)
    /// The watch gives up after this long.
    public static let limit: Duration = .seconds(4)
    private static let trap = Atomic<Int32>(0)

    /// Runs `pitfall`'s hazard on a thread of its own and never returns.
    public static func run(_ pitfall: DeadlockPitfall) -> Never {
        // libdispatch stops a sync onto the queue the caller runs on with a trap instruction.
        // The handler records the signal and parks the trapping thread, whose waits the graph
        // still shows, for the watch below to report; without it the crash reporter takes over.
        for signal in [SIGILL, SIGTRAP] {
            _ = Glibc.signal(signal) { number in
                DeadlockWatch.trap.store(number, ordering: .releasing)
                while true { pause() }
            }
        }
        let graph = WaitGraph()
        let result = Mutex<String?>(nil)
        JoinableThread.detach(name: "kit-hazard") {
            let text = pitfall.runHazard(graph)
            result.withLock { $0 = text }
        }
        let start = ContinuousClock.now
        var changes = graph.changes
        var lastChange = start
        while true {
            usleep(2_000)
            let now = ContinuousClock.now
            let signal = trap.load(ordering: .acquiring)
            if signal != 0 {
                let what = graph.cycle() ?? graph.stall() ?? "no wait was recorded"
                end(.trapped, "the runtime trapped (\(signal == SIGILL ? "SIGILL" : "SIGTRAP")): \(what)")
            }
            if let text = result.withLock({ $0 }) { end(.completed, text) }
            if let cycle = graph.cycle() { end(.deadlock, cycle) }
            let seen = graph.changes
            if seen != changes {
                changes = seen
                lastChange = now
            } else if now - lastChange >= quiet, let stall = graph.stall() {
                end(.deadlock, "nothing moved for \(Int(quiet.seconds * 1000)) ms: \(stall)")
            }
            if now - start >= limit { end(.hung, graph.stall() ?? "parties still running, no cycle seen") }
        }
    }

    /// Prints the line and ends the process at once, deadlocked threads and all.
    private static func end(_ ending: Ending, _ what: String) -> Never {
        let line = "\(ending.rawValue) \(what)\n"
        _ = line.withCString { write(1, $0, strlen($0)) }
        _exit(ending.status)
    }
}
