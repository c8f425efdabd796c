import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Gate
import Runners
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM stop `bench` cleanly: worker children are
/// killed, "interrupted" goes to stderr, and the exit status is 128 + signal
/// (130, 143), as a shell reports a process killed by that signal.
enum InterruptHandling {
    /// Kept alive for the life of the process; a released source stops delivering.
    /// Unsafe is sound: only `install()` writes it, once, on the main thread
    /// before any other thread exists that could touch it; nothing reads it.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    /// The signal that stopped the run, 0 while none did.
    private static let received = Atomic<Int32>(0)
    /// The report of what was measured so far, printed if a signal stops the run.
    private static let partialReport = Mutex<String?>(nil)

    /// Keeps `report` to print if the run is interrupted before the next call.
    /// After a signal, nothing is kept: the model then running ended because its children were killed.
    static func keep(partialReport report: String) {
        partialReport.withLock { kept in
            if received.load(ordering: .acquiring) == 0 { kept = report }
        }
    }

    /// Replaces the default "die at once" action, which would orphan the
    /// `processes` model's children. Call once, before any work starts.
    static func install() {
        requireFileDescriptorHeadroom()
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {  // SIGHUP: the terminal closed
            // The default action must be off, or the process dies before the source sees it.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    /// File descriptors that must be free at start: Dispatch's signal sources
    /// open an epoll fd and an eventfd and trap when they cannot (exit 132 at
    /// `ulimit -n 5`), and every run needs a few more.
    static let minimumFreeDescriptors = 8

    /// Exits 1 with what to do when fewer than `minimumFreeDescriptors` fds are free.
    private static func requireFileDescriptorHeadroom() {
        var probes: [Int32] = []
        while probes.count < minimumFreeDescriptors {
            let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { break }
            probes.append(fd)
        }
        let free = probes.count
        probes.forEach { _ = close($0) }
        guard free < minimumFreeDescriptors else { return }
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        Progress.warn("bench: only \(free) file descriptors are free under `ulimit -n` \(limit.rlim_cur); bench needs "
            + "\(minimumFreeDescriptors) to start: raise it, e.g. `ulimit -n 1024`. Nothing was run.")
        exit(1)
    }

    /// Exits with the signal's status if a signal arrived. The main thread calls
    /// this before reporting: once the children are killed, a run fails fast
    /// and would otherwise print a report of failures and exit 1 first.
    static func exitIfInterrupted() {
        let signalNumber = received.load(ordering: .acquiring)
        guard signalNumber != 0 else { return }
        LiveChildren.shutDown()
        _exit(128 + signalNumber)
    }

    /// A model made no progress past its deadline (``RunProgress/watch(stall:_:onStall:)``): its threads
    /// cannot be unwound, so bench names it, kills the children, prints what was measured before and exits 1.
    static func stalled(_ what: String) -> Never {
        Progress.warn(wrapped("\nbench: \(what)"))
        LiveChildren.shutDown()
        if let report = partialReport.withLock({ $0 }) {
            Progress.warn("bench: the models measured before it follow on stdout")
            writeAll(report, to: STDOUT_FILENO)
        }
        _exit(1)
    }

    private static func stop(_ signalNumber: Int32) -> Never {
        Progress.warn("\nbench: interrupted")
        partialReport.withLock { _ in received.store(signalNumber, ordering: .releasing) }
        LiveChildren.shutDown()
        // A runner thread between posix_spawn and registering its child gets
        // this long to register it (and `shutDown` kills it on arrival).
        usleep(50_000)
        LiveChildren.shutDown()
        // What was measured is not lost: the report so far, marked partial, on stdout.
        if let report = partialReport.withLock({ $0 }) {
            Progress.warn("bench: the models measured before the interrupt follow on stdout")
            writeAll(report, to: STDOUT_FILENO)
        }
        // _exit: no atexit handlers or stdio flushing racing the runner threads.
        _exit(128 + signalNumber)
    }

    private static func writeAll(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written > 0 { bytes = bytes.dropFirst(written) } else if errno != EINTR { return }
        }
    }
}
