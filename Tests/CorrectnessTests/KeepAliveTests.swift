import Testing
import Workloads

@Suite("Keep-alive connection reuse (event-driven client)")
struct KeepAliveTests {
    @Test("sequential GETs on one loop reuse one connection")
    func reusesConnection() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let loop = EventLoop(name: "test-keepalive")
        defer { loop.shutdown() }
        let client = EventDrivenHTTPClient(loop: loop)
        for _ in 0..<5 {
            let response = try await client.get(server.baseURL.replacingTarget("/get"), timeout: .seconds(10))
            #expect(response.status == 200)
        }
        // The listener plus exactly one accepted connection.
        #expect(ResourceLeakTests.serverSockets(port: server.port).count == 2)
    }

    @Test("an idle connection the server dropped is replaced, not an error")
    func staleConnectionIsReplaced() async throws {
        let loop = EventLoop(name: "test-stale")
        defer { loop.shutdown() }
        let client = EventDrivenHTTPClient(loop: loop)
        let first = try DelayServer()
        let port = first.port
        #expect(try await client.get(first.baseURL.replacingTarget("/get"), timeout: .seconds(10)).status == 200)
        first.stop()
        // Another server on the same port: the pooled socket is dead.
        guard let second = try? DelayServer(port: port) else { return }  // port taken meanwhile: nothing to test
        defer { second.stop() }
        #expect(try await client.get(second.baseURL.replacingTarget("/get"), timeout: .seconds(10)).status == 200)
    }
}
