import Dispatch
import Foundation
import Runners
import Synchronization
import Testing

/// The watchdog every model run has (`bench`, `bench sample`): it names a run
/// whose jobs stop progressing, and leaves a progressing one alone. The real
/// deadlock, a patched model failing its gate test, is `make gate-selftest
/// SCENARIOS=threads-deadlock`.
@Suite("run watchdog")
struct WatchdogTests {
    /// Records what the watchdog said, then parks its thread: a real handler ends the process instead.
    final class Stall: Sendable {
        let said = Mutex<String?>(nil)
        let fired = DispatchSemaphore(value: 0)

        func handler() -> @Sendable (String) -> Never {
            { [self] why in
                said.withLock { $0 = why }
                fired.signal()
                while true { pause() }
            }
        }
    }

    @Test("a run that stops passing checkpoints is named, with what its jobs did")
    func stuckRunIsNamed() throws {
        let stall = Stall()
        // One checkpoint, then a wait for a signal that only the watchdog's handler sends
        // (other suites' checkpoints in this process can only delay it).
        let control = JobControl(timeout: .seconds(120))
        let woken = try RunProgress.watch(stall: .milliseconds(300), { () throws -> DispatchTimeoutResult in
            try control.checkpoint()
            return stall.fired.wait(timeout: .now() + 120)
        }, onStall: stall.handler())
        #expect(woken == .success)
        let said = stall.said.withLock { $0 } ?? ""
        #expect(said.contains("no job made progress for") && said.contains("deadlocked or hung"), "\(said)")
    }

    @Test("a run that passes checkpoints is left alone, however long it takes")
    func progressingRunIsLeftAlone() throws {
        let stall = Stall()
        let control = JobControl(timeout: .seconds(60))
        try RunProgress.watch(stall: .seconds(2), {
            for _ in 0..<300 {
                try control.checkpoint()
                usleep(10_000)
            }
        }, onStall: stall.handler())
        #expect(stall.said.withLock { $0 } == nil)
    }
}
