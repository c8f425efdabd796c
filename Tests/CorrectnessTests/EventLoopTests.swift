import Testing
import Synchronization
@testable import Workloads

@Suite("EventLoop")
struct EventLoopTests {
    @Test("runs tasks that prefer it on its own thread")
    func taskExecutor() async {
        let loop = EventLoop(name: "test-executor")
        defer { loop.shutdown() }
        let onLoop = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask(executorPreference: loop) {
                    await Task.yield()
                    return loop.inEventLoop
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(onLoop)
    }

    @Test("runs closures in order and timers never early")
    func closuresAndTimers() async {
        let loop = EventLoop(name: "test-timers")
        defer { loop.shutdown() }
        let order = Mutex<[Int]>([])
        let start = ContinuousClock.now
        let elapsed: Duration = await withCheckedContinuation { continuation in
            for index in 0..<5 { loop.execute { order.withLock { $0.append(index) } } }
            loop.schedule(after: .milliseconds(50)) { continuation.resume(returning: ContinuousClock.now - start) }
        }
        #expect(elapsed >= .milliseconds(50))
        #expect(order.withLock { $0 } == [0, 1, 2, 3, 4])
    }

    @Test("shutdown is idempotent and refuses later work")
    func shutdown() {
        let loop = EventLoop(name: "test-shutdown")
        loop.shutdown()
        loop.shutdown()
        #expect(loop.execute {} == false)
    }

    @Test("shutdown fails a request in flight")
    func shutdownFailsWaiters() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let loop = EventLoop(name: "test-fail")
        let client = EventDrivenHTTPClient(loop: loop)
        let request = Task { try await client.get(server.baseURL.replacingTarget("/delay/5"), timeout: .seconds(10)) }
        try await Task.sleep(for: .milliseconds(100))
        loop.shutdown()
        await #expect(throws: HTTPClientError.self) { try await request.value }
    }
}
