#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the runs of this process have done so far: jobs started and finished,
/// checkpoints passed. Jobs bump it (``JobControl``); ``RunProgress/watch(stall:_:onStall:)``
/// reads it from a thread of its own, so a model that deadlocks is named
/// within seconds instead of at a run's timeout.
public enum RunProgress {
    private static let started = Atomic<Int>(0)
    private static let finished = Atomic<Int>(0)
    private static let checkpoints = Atomic<Int>(0)

    /// The counters at one moment.
    public struct Snapshot: Sendable, Hashable {
        public var started: Int
        public var finished: Int
        public var checkpoints: Int
    }

    public static var now: Snapshot {
        Snapshot(started: started.load(ordering: .relaxed), finished: finished.load(ordering: .relaxed),
                 checkpoints: checkpoints.load(ordering: .relaxed))
    }

    static func jobStarted() { started.add(1, ordering: .relaxed) }
    static func jobFinished() { finished.add(1, ordering: .relaxed) }
    static func checkpointPassed() { checkpoints.add(1, ordering: .relaxed) }

    /// Runs `body` while a watcher thread looks at the counters every 50 ms;
    /// when none moved for `stall`, it calls `onStall` (on the watcher thread)
    /// with what the jobs did: it must end the process, since a deadlocked
    /// thread cannot be unwound. Calibration and other work between runs
    /// count as no progress, so `stall` must exceed any of them.
    public static func watch<T>(stall: Duration, _ body: () throws -> T,
                                onStall: @escaping @Sendable (String) -> Never) rethrows -> T {
        let watcher = Watcher(stall: stall, onStall: onStall)
        watcher.start()
        defer { watcher.stop() }
        return try body()
    }

    /// The watcher thread and the flag that stops it.
    private final class Watcher: Sendable {
        let stall: Duration
        let onStall: @Sendable (String) -> Never
        let running = Atomic<Bool>(true)

        init(stall: Duration, onStall: @escaping @Sendable (String) -> Never) {
            self.stall = stall
            self.onStall = onStall
        }

        /// Starts watching; without a thread to spare nothing is watched (the run's own timeout still holds).
        func start() {
            guard let thread = try? JoinableThread(name: "kit-watchdog", { [self] in watch() }) else { return }
            thread.detach()
        }

        func stop() { running.store(false, ordering: .relaxed) }

        private func watch() {
            let clock = ContinuousClock()
            let first = RunProgress.now, started = clock.now
            var (last, since) = (first, started)
            while running.load(ordering: .relaxed) {
                usleep(50_000)
                let now = RunProgress.now
                if now != last {
                    (last, since) = (now, clock.now)
                    continue
                }
                guard clock.now - since >= stall, running.load(ordering: .relaxed) else { continue }
                let seconds = { (duration: Duration) in String(Double(Int(duration / .milliseconds(100))) / 10) }
                onStall("no job made progress for \(seconds(clock.now - since)) s, \(seconds(clock.now - started)) s in: "
                    + "\(now.started - first.started) jobs started, \(now.finished - first.finished) finished, "
                    + "\(now.checkpoints - first.checkpoints) checkpoints passed (deadlocked or hung)")
            }
        }
    }
}
