import Dispatch
#if canImport(Glibc)
import Glibc
#endif
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

    /// Replaces the default "die at once" action, which would orphan the
    /// `processes` model's children. Call once, before any work starts.
    static func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {  // SIGHUP: the terminal closed
            // The default action must be off, or the process dies before the source sees it.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop(signalNumber) }
            source.resume()
            sources.append(source)
        }
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

    private static func stop(_ signalNumber: Int32) -> Never {
        Progress.warn("\nbench: interrupted")
        received.store(signalNumber, ordering: .releasing)
        LiveChildren.shutDown()
        // A runner thread between posix_spawn and registering its child gets
        // this long to register it (and `shutDown` kills it on arrival).
        usleep(50_000)
        LiveChildren.shutDown()
        // _exit: no atexit handlers or stdio flushing racing the runner threads.
        _exit(128 + signalNumber)
    }
}
