import Synchronization

/// Set once to stop a run: jobs see it at their next checkpoint, the
/// `processes` model kills its children. Task cancellation sets it.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the run to stop.
    public func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
