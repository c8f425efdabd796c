import AllocationCounter
import Gate

/// Heap allocations of this process, every thread's (a trial's own delay
/// server included, children not), counted by the interposed C allocator.
public enum Allocations {
    /// Whether this build counts (a sanitizer's runtime owns malloc otherwise).
    public static var areCounted: Bool { kit_allocations_counted() }

    /// Runs `body` and returns its result with the allocations made meanwhile;
    /// `nil` where the counter is compiled out (under a sanitizer).
    public static func during<T>(_ body: () throws -> T) rethrows -> (T, Int?) {
        let before = kit_allocations_now().calls
        let value = try body()
        let after = kit_allocations_now().calls
        return (value, kit_allocations_counted() ? Int(after - before) : nil)
    }
}

extension SampleSet {
    /// Adds a run's allocations, per job, where they were counted.
    mutating func append(allocations: Int?, jobs: Int) {
        guard let allocations else { return }
        append(Double(allocations) / Double(jobs), to: .allocations)
    }
}
