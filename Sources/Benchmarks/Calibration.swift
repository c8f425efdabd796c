import Foundation
import Workloads

/// The gate's yardstick: how fast this machine runs a fixed piece of CPU work
/// *right now*, on as many threads as the measured model uses.
///
/// VMs of one kind differ ~20 % in speed, and one VM's speed moves with its
/// neighbours. A model's time divided by this kernel's time, taken right
/// before it, keeps the code's cost and drops the machine's. The kernel runs
/// `width` copies at once, because a parallel model needs every core: one
/// busy core slows a 2-wide model and a 2-wide kernel alike, and a 1-wide
/// kernel not at all (measured: +39 % for the model, 0 % for the kernel).
///
/// The kernel is trial division, the prime job's own instruction mix, so
/// slow phases slow both the same way. It is a copy that lives here, not a
/// call into `Workloads`, so a regression in the measured code never moves
/// the yardstick with it.
public enum Calibration {
    /// Names the kernel and its size. Baselines record it: another kernel
    /// gives other ratios, and the gate then asks for a rebaseline.
    public static let version = "trial-division-2..<\(range.upperBound)"

    /// The numbers the kernel tests: ~12 ms in release here, ~14 ms in debug
    /// (a smaller range: debug runs it ~3.5x slower), long enough that one
    /// run jitters little, short enough to run beside every sample.
    static var range: Range<Int> {
        #if DEBUG
        2..<60_000
        #else
        2..<150_000
        #endif
    }

    /// Primes in ``range``: the kernel's answer, so a broken kernel is caught
    /// instead of timed.
    static var expectedCount: Int {
        #if DEBUG
        6_057
        #else
        13_848
        #endif
    }

    /// Runs the kernel on `width` threads at once and returns the wall-clock
    /// seconds until the last one finished.
    ///
    /// - Precondition: `width >= 1`; every copy counted ``expectedCount``.
    public static func measure(width: Int = 1) -> Double {
        precondition(width >= 1, "calibration width must be at least 1")
        let counts = Counts(width)
        let start = MonotonicClock.now()
        Helpers.shared.run(width: width) { counts.set($0, countPrimes(in: range)) }
        let seconds = Double(MonotonicClock.now() - start) * 1e-9
        for count in counts.all {
            precondition(count == expectedCount, "calibration kernel counted \(count) primes, expected \(expectedCount)")
        }
        return seconds
    }

    /// Long-lived threads that run the kernel's other copies, copy `i` on the
    /// `i`-th CPU the process may use (its affinity mask: a cpuset or `taskset`).
    ///
    /// Measured here without pinning: the pool behind `concurrentPerform`,
    /// fresh threads and parked threads alike often ran two copies one after
    /// the other on one core, for the kernel's whole 9 ms (in 30 % of the
    /// samples after the `threads` and `processes` models), which made the
    /// calibration read 1.8x slow. Pinned, each copy has its own core, and a
    /// neighbour busy on that core slows it as it slows the model.
    ///
    /// `@unchecked Sendable` is safe: `workers` is touched only under `lock`,
    /// which also serialises calibrations.
    private final class Helpers: @unchecked Sendable {
        static let shared = Helpers()
        private let lock = NSLock()
        private var workers: [Worker] = []
        private let machine = Machine.current

        /// Runs `body(0)` here and `body(1..<width)` on parked threads, all at once; returns when all are done.
        func run(width: Int, _ body: @escaping @Sendable (Int) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            while workers.count < width - 1 { workers.append(Worker(core: workers.count + 1, machine: machine)) }
            let previous = width > 1 ? machine.pin(toAllowed: 0) : nil
            for index in 1..<max(width, 1) { workers[index - 1].start { body(index) } }
            body(0)
            for index in 1..<max(width, 1) { workers[index - 1].wait() }
            if let previous { machine.restore(previous) }
        }
    }

    /// One parked thread.
    ///
    /// `@unchecked Sendable` is safe: `task` is written before `go.signal()`
    /// and read after `go.wait()` returns, so the semaphore orders the write
    /// before the read; the next write waits for `done`.
    private final class Worker: @unchecked Sendable {
        private let go = DispatchSemaphore(value: 0)
        private let done = DispatchSemaphore(value: 0)
        private var task: (@Sendable () -> Void)?

        init(core: Int, machine: Machine) {
            let thread = Thread { [unowned self] in
                machine.pin(toAllowed: core)
                while true {
                    go.wait()
                    task?()
                    done.signal()
                }
            }
            thread.name = "kit-calibration"
            thread.start()
        }

        func start(_ task: @escaping @Sendable () -> Void) {
            self.task = task
            go.signal()
        }

        func wait() { done.wait() }
    }

    /// One slot per copy of the kernel.
    ///
    /// `@unchecked Sendable` is safe: each copy writes only its own index of
    /// a buffer allocated up front (no reallocation), and `all` is read after
    /// `done.wait()`, which orders every write before the read.
    private final class Counts: @unchecked Sendable {
        private let values: UnsafeMutableBufferPointer<Int>
        init(_ count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0) }
        deinit { values.deallocate() }
        func set(_ index: Int, _ value: Int) { values[index] = value }
        var all: [Int] { Array(values) }
    }

    /// Trial division, written out again on purpose (see the type's comment).
    @inline(never)
    static func countPrimes(in range: Range<Int>) -> Int {
        var count = 0
        for candidate in range where isPrime(candidate) {
            count += 1
        }
        return count
    }

    @inline(never)
    private static func isPrime(_ n: Int) -> Bool {
        if n < 2 { return false }
        var divisor = 2
        while divisor * divisor <= n {
            if n % divisor == 0 { return false }
            divisor += 1
        }
        return true
    }
}
