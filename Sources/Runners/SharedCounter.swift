#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import Workloads

/// The article's pitfall "race conditions: use locks", measured: K jobs each
/// add 1 to one shared total M times, so the total must be exactly K x M.
///
/// Swift 6 does not compile the unsynchronised version: a `var` total
/// captured by the jobs' closures is "mutation of captured var in
/// concurrently-executing code". These are the four ways that do compile.
/// Every increment adds `blackHole(1)` and every variant synchronises each
/// one, so the optimiser cannot fold a loop into one addition (a plain local
/// count would be, and would measure nothing).
public enum SharedCounter: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Each increment takes one `Mutex` (Synchronization); K threads.
    case mutex
    /// Each increment is one relaxed `Atomic<Int>` add; K threads.
    case atomic
    /// Each increment is an `await` on one actor; K tasks.
    case actor
    /// Each job adds to its own atomic counter, on its own cache line; the
    /// counts are summed once at the end; K threads. The same instruction as
    /// `atomic`, without the sharing: the difference is what sharing costs.
    case perJob

    public var description: String { rawValue }

    /// How the variant shares the total, for reports.
    public var summary: String {
        switch self {
        case .mutex: "Mutex.withLock around every increment"
        case .atomic: "Atomic<Int>.wrappingAdd, relaxed, every increment"
        case .actor: "await actor.increment() every increment"
        case .perJob: "a counter per job (own cache line), summed at the end"
        }
    }

    /// Runs `jobs` jobs of `increments` increments and returns the total.
    /// The thread variants are waited for on a thread of their own, never on a pool thread.
    public func run(jobs: Int, increments: Int) async throws(JobFailure.Cause) -> Int {
        if self == .actor {
            let total = CountingActor()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<jobs {
                    group.addTask { for _ in 0..<increments { await total.increment(by: blackHole(1)) } }
                }
            }
            return await total.value
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int, JobFailure.Cause>, Never>) in
            JoinableThread.detach(name: "kit-\(self)-coordinator") {
                continuation.resume(returning: Result { () throws(JobFailure.Cause) -> Int in
                    try runOnThreads(jobs: jobs, increments: increments)
                })
            }
        }
        return try result.get()
    }

    /// The same from synchronous code (the CLI's main thread). Must not be
    /// called from a task on the cooperative pool: it parks the caller.
    public func runBlocking(jobs: Int, increments: Int) throws(JobFailure.Cause) -> Int {
        guard self == .actor else { return try runOnThreads(jobs: jobs, increments: increments) }
        let total = SharedTotal()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            // The actor variant starts no thread, so it cannot fail.
            let value = (try? await run(jobs: jobs, increments: increments)) ?? -1
            total.mutex.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return total.mutex.withLock { $0 }
    }

    /// The thread variants: K threads, joined before this returns.
    private func runOnThreads(jobs: Int, increments: Int) throws(JobFailure.Cause) -> Int {
        let total = SharedTotal()
        switch self {
        case .mutex:
            try onThreads(jobs) {
                for _ in 0..<increments {
                    total.mutex.withLock { value in
                        RaceDetector.acquired(total)
                        value &+= blackHole(1)
                        RaceDetector.releasing(total)
                    }
                }
            }
        case .atomic:
            try onThreads(jobs) {
                for _ in 0..<increments { total.atomic.wrappingAdd(blackHole(1), ordering: .relaxed) }
            }
            // pthread_join orders every thread's adds before this load.
            return total.atomic.load(ordering: .relaxed)
        case .perJob:
            let counters = (0..<jobs).map { _ in OwnCounter() }
            let next = Atomic<Int>(0)
            try onThreads(jobs) {
                let mine = counters[next.wrappingAdd(1, ordering: .relaxed).oldValue]
                for _ in 0..<increments { mine.value.wrappingAdd(blackHole(1), ordering: .relaxed) }
            }
            return counters.reduce(0) { $0 + $1.value.load(ordering: .relaxed) }
        case .actor:
            preconditionFailure("the actor variant runs on tasks")
        }
        return total.mutex.withLock { $0 }
    }

    /// Runs `body` on `count` threads at once and joins them all.
    ///
    /// Thread `i` runs on core `i` modulo the cores, and every thread waits
    /// at a start line until all have started: otherwise the first could
    /// finish before the last began, or two could share a core, and an
    /// uncontended run would pass for a contended one (measured here: 1 run
    /// in 12 of the mutex at K = 2 read 12 ns an increment instead of 100-130;
    /// with the start line alone, 1 in 8; with both, 0 in 20).
    private func onThreads(_ count: Int, _ body: @escaping @Sendable () -> Void) throws(JobFailure.Cause) {
        let started = StartLine(count)
        var threads: [JoinableThread] = []
        defer {
            started.open()
            threads.forEach { $0.join() }
        }
        let machine = Machine.current
        for index in 0..<count {
            threads.append(try JoinableThread(name: "kit-\(self)-\(index)") {
                machine.pin(toAllowed: index)
                started.wait()
                body()
            })
        }
    }
}

/// ThreadSanitizer cannot see `Mutex` lock and unlock on Linux (its futex
/// code is in the uninstrumented Synchronization library), so every access
/// the mutex orders looks like a race to it. Where the TSan runtime is loaded
/// these tell it what the lock did; elsewhere the lookups find nothing and the
/// calls are a nil check. The mutex is still what orders the accesses.
private enum RaceDetector {
    typealias Hook = @convention(c) (UnsafeRawPointer?) -> Void
    private static let acquire = dlsym(nil, "__tsan_acquire").map { unsafeBitCast($0, to: Hook.self) }
    private static let release = dlsym(nil, "__tsan_release").map { unsafeBitCast($0, to: Hook.self) }

    /// Call first thing while holding the lock `owner` holds.
    static func acquired(_ owner: AnyObject) { acquire?(UnsafeRawPointer(Unmanaged.passUnretained(owner).toOpaque())) }
    /// Call last thing before the lock `owner` holds is released.
    static func releasing(_ owner: AnyObject) { release?(UnsafeRawPointer(Unmanaged.passUnretained(owner).toOpaque())) }
}

/// Holds threads until `count` of them wait, or until ``open()`` (when a
/// thread could not be started). They yield the core while they wait, so
/// more threads than cores still all arrive.
private final class StartLine: Sendable {
    private let waiting = Atomic<Int>(0)
    private let opened = Atomic<Bool>(false)
    private let count: Int

    init(_ count: Int) { self.count = count }

    func wait() {
        waiting.wrappingAdd(1, ordering: .acquiringAndReleasing)
        while waiting.load(ordering: .acquiring) < count, !opened.load(ordering: .acquiring) { sched_yield() }
    }

    func open() { opened.store(true, ordering: .releasing) }
}

/// One job's own counter. The padding keeps two jobs' counters at least a
/// cache line (64 bytes) apart however the allocator packs them.
private final class OwnCounter: Sendable {
    let value = Atomic<Int>(0)
    let padding: (Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0)
}

/// The one total the jobs share, behind a mutex or as an atomic.
private final class SharedTotal: Sendable {
    let mutex = Mutex(0)
    let atomic = Atomic<Int>(0)
}

private actor CountingActor {
    private(set) var value = 0

    func increment(by amount: Int) {
        value &+= amount
    }
}
