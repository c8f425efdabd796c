#if canImport(Glibc)
import Glibc
#endif
import Workloads

/// Every worker child that was started and not yet reaped, so an interrupted
/// run (Ctrl-C) can kill them and leave no process behind.
public enum LiveChildren {
    private struct State {
        var pids: Set<pid_t> = []
        /// Set by `shutDown()`: from then on every new child is killed on arrival.
        var closed = false
    }

    private static let state = PThreadMutex(State())

    static func insert(_ pid: pid_t) {
        let refused = state.withLock { state in
            if !state.closed { state.pids.insert(pid) }
            return state.closed
        }
        // A child spawned while the process is shutting down must not outlive it.
        if refused { kill(pid, SIGKILL) }
    }

    static func remove(_ pid: pid_t) {
        state.withLock { _ = $0.pids.remove(pid) }
    }

    /// How many children are running now.
    public static var count: Int { state.withLock { $0.pids.count } }

    /// Kills every live child and every child started from now on: for a
    /// process about to exit, whose runner threads may still be spawning.
    public static func shutDown() {
        let pids = state.withLock { state in
            state.closed = true
            return state.pids
        }
        for pid in pids { kill(pid, SIGKILL) }
    }
}
