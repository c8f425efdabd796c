import Foundation
import Testing

/// A `bench` ended by a signal it cannot handle (SIGKILL: a CI timeout, the
/// OOM killer) or by a closed terminal (SIGHUP) leaves no `bench-worker`
/// running: workers ask the kernel to kill them with their parent.
@Suite("No orphaned workers", .serialized)
struct OrphanTests {
    @Test("workers die within 1 s of their parent", arguments: [SIGKILL, SIGHUP])
    func workersDieWithParent(signal: Int32) async throws {
        let running = try BenchExecutable.start(
            ["--workload", "cpu", "--models", "processes", "--limit", "30000000", "--rounds", "1", "-q"])
        let bench = running.process.processIdentifier
        var workers: [Int32] = []
        for _ in 0..<100 where workers.count < 4 {  // up to 10 s for the children to start
            try await Task.sleep(for: .milliseconds(100))
            workers = ChildProcessScan.children(of: bench)
                .filter { ChildProcessScan.arguments(of: $0).first?.hasSuffix("bench-worker") == true }
        }
        #expect(workers.count == 4, "bench started \(workers.count) workers")
        kill(bench, signal)
        _ = await running.finish(timeout: .seconds(10))
        try await Task.sleep(for: .seconds(1))
        let alive = workers.filter(ChildProcessScan.isRunning)
        #expect(alive.isEmpty, "still running 1 s after bench got signal \(signal): \(alive)")
        for pid in alive { kill(pid, SIGKILL) }
    }
}
