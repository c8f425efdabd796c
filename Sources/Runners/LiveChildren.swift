#if canImport(Glibc)
import Glibc
#endif
import Workloads

/// Every worker child that was started and not yet reaped, so an interrupted
/// run (Ctrl-C) can kill them and leave no process behind.
public enum LiveChildren {
    private static let pids = PThreadMutex<Set<pid_t>>([])

    static func insert(_ pid: pid_t) {
        pids.withLock { _ = $0.insert(pid) }
    }

    static func remove(_ pid: pid_t) {
        pids.withLock { _ = $0.remove(pid) }
    }

    /// How many children are running now.
    public static var count: Int { pids.withLock { $0.count } }

    /// Sends SIGKILL to every live child. Safe to call from any thread.
    public static func killAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}
