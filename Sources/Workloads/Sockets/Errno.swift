import Glibc
import Synchronization

/// `strerror(code)` as a Swift string, e.g. "Connection refused".
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// What to do about `code`, when it is this process's own limit on open files
/// (EMFILE) or the system's (ENFILE) and not the peer's fault; nil otherwise.
public func fileLimitAdvice(_ code: Int32) -> String? {
    guard code == EMFILE || code == ENFILE else { return nil }
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    return code == EMFILE
        ? "this process may have \(limit.rlim_cur) files open at once (`ulimit -n`): raise it, e.g. `ulimit -n 65536`, "
            + "or run fewer jobs at once"
        : "the system's open-file table is full: close other programs or raise fs.file-max"
}

/// What to do about `code` when it is one of this process's limits: open files
/// (EMFILE, ENFILE) or threads and processes (EAGAIN from pthread_create or
/// fork); nil otherwise.
public func limitAdvice(_ code: Int32) -> String? {
    if let files = fileLimitAdvice(code) { return files }
    guard code == EAGAIN else { return nil }
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(__RLIMIT_NPROC.rawValue), &limit)
    let count = limit.rlim_cur == rlim_t.max ? "unlimited" : String(limit.rlim_cur)
    return "no thread could start: this user may run \(count) threads and processes (`ulimit -u`) or memory is short; "
        + "raise `ulimit -u` or run fewer jobs at once"
}

/// When this process last ran out of file descriptors (EMFILE, ENFILE), so a
/// request that timed out meanwhile can say so: a server in this process that
/// could not accept looks, to its clients, like a stuck one.
public enum FileLimit {
    /// Descriptors kept free for the runtimes: libdispatch's worker-pool
    /// monitor opens `/proc/<tid>/stat` about once a second and kills the
    /// process when it cannot (SIGILL in `_dispatch_workq_monitor_pools`:
    /// bench under `ulimit -n 32`, 100 GETs, 1 run in 60 with 4 at once).
    /// The delay server keeps half: it must still accept the connection of a
    /// client that was let through (it waits in the backlog until there is room).
    public static let reserve: rlim_t = 8
    static let serverReserve: rlim_t = 4

    /// `fd`, or -1 with errno EMFILE (the fd closed) when taking it leaves
    /// fewer than ``reserve`` descriptors free.
    public static func keepingReserve(_ fd: Int32) -> Int32 {
        guard fd >= 0 else {
            note(errno)
            return fd
        }
        guard inReserve(fd, reserve) else { return fd }
        close(fd)
        errno = EMFILE
        note(EMFILE)
        return -1
    }

    /// Whether one more descriptor leaves `reserve` free: probed with a
    /// duplicate of `fd`, closed at once.
    static func hasRoom(besides fd: Int32, reserve: rlim_t) -> Bool {
        let probe = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard probe >= 0 else { return false }
        close(probe)
        return !inReserve(probe, reserve)
    }

    /// Descriptors are handed out lowest first, so a new one numbered
    /// limit - reserve or above means every one below is taken.
    private static func inReserve(_ fd: Int32, _ reserve: rlim_t) -> Bool {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        return limit.rlim_cur != rlim_t.max && rlim_t(fd) + reserve >= limit.rlim_cur
    }

    /// MonotonicClock nanoseconds of the last hit, 0 for none.
    private static let lastHit = Atomic<UInt64>(0)

    /// Records `code` if it is the open-file limit.
    static func note(_ code: Int32) {
        if code == EMFILE || code == ENFILE { lastHit.store(MonotonicClock.now(), ordering: .relaxed) }
    }

    /// The open-file advice when the limit was hit within the last `seconds`
    /// (plus one), nil otherwise.
    static func advice(within seconds: Double) -> String? {
        let hit = lastHit.load(ordering: .relaxed)
        guard hit > 0, Double(MonotonicClock.now() - hit) / 1e9 <= seconds + 1 else { return nil }
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        return "this process ran out of file descriptors meanwhile (`ulimit -n` \(limit.rlim_cur)), so its connections "
            + "may not have been accepted: raise it, e.g. `ulimit -n 65536`, or run fewer jobs at once"
    }
}
