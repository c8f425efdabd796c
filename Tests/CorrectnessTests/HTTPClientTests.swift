import Testing
import Glibc
@testable import Workloads

@Suite("HTTP clients")
struct HTTPClientTests {
    @Test("the blocking client GETs /get and /delay")
    func blocking() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let response = try BlockingHTTPClient.get(server.baseURL.replacingTarget("/get"), timeout: .seconds(5))
        #expect(response.status == 200)
        #expect(response.headerValue("content-type") == "application/json")
        #expect(text(response).contains("\"User-Agent\": \"concurrency-kit\""))
        let job = DelayRequestJob(base: server.baseURL, delay: 0.2)
        let seconds = try await secondsElapsed { _ = try job.runBlocking() }
        #expect(seconds >= 0.2 && seconds < 60)  // upper bound: only a hang guard (sanitizers, parallel suites)
    }

    @Test("the event-driven client GETs /delay/0.2 in >= 0.2 s")
    func eventDriven() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let job = DelayRequestJob(base: server.baseURL, delay: 0.2)
        var result: DelayResponse?
        let seconds = try await secondsElapsed { result = try await job.run(using: EventDrivenHTTPClient()) }
        #expect(result?.status == 200)
        #expect((result?.bodyBytes ?? 0) > 0)
        #expect(seconds >= 0.2 && seconds < 60)  // upper bound: only a hang guard (sanitizers, parallel suites)
    }

    /// In a child process of its own, as `ServerAbuseTests.abuseWhileServing` says why.
    @Test("600 concurrent delayed requests through the async client all succeed")
    func manyConcurrent() async throws {
        await #expect(processExitsWith: .success) {
            let server = try DelayServer()
            defer { server.stop() }
            let client = EventDrivenHTTPClient()
            let job = DelayRequestJob(base: server.baseURL, delay: 0.2)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<600 { group.addTask { try await job.run(using: client).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 600)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }

    @Test("tasks on the loop's own executor can use its client")
    func tasksOnLoop() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let loop = EventLoop(name: "test-client-loop")
        defer { loop.shutdown() }
        let client = EventDrivenHTTPClient(loop: loop)
        let job = DelayRequestJob(base: server.baseURL, delay: 0.1)
        let count = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask(executorPreference: loop) { try await job.run(using: client).status } }
            return try await group.reduce(0) { $0 + ($1 == 200 ? 1 : 0) }
        }
        #expect(count == 50)
    }

    @Test("a closed port is reported as connection refused by both clients")
    func refused() async throws {
        let closed = ClosedPort()
        defer { withExtendedLifetime(closed) {} }
        let url = HTTPURL(host: "127.0.0.1", port: closed.port, target: "/get")
        #expect(throws: HTTPClientError.connectionRefused(url.description)) {
            try BlockingHTTPClient.get(url, timeout: .seconds(2))
        }
        await #expect(throws: HTTPClientError.connectionRefused(url.description)) {
            try await EventDrivenHTTPClient().get(url, timeout: .seconds(2))
        }
        #expect(HTTPClientError.connectionRefused(url.description).description.contains("bench serve"))
    }

    @Test("a response slower than the timeout times out in both clients")
    func timeout() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let url = server.baseURL.replacingTarget("/delay/10")
        let blocking = await secondsElapsed {
            #expect(throws: HTTPClientError.timedOut(url.description, seconds: 0.3)) {
                try BlockingHTTPClient.get(url, timeout: .milliseconds(300))
            }
        }
        let async = await secondsElapsed {
            await #expect(throws: HTTPClientError.timedOut(url.description, seconds: 0.3)) {
                try await EventDrivenHTTPClient().get(url, timeout: .milliseconds(300))
            }
        }
        // The thrown timeouts prove the deadline fired (the 10 s response would have
        // succeeded); the upper bound only guards against a hang.
        #expect(blocking >= 0.3 && blocking < 60)
        #expect(async >= 0.3 && async < 60)
    }

    @Test("cancelling the task closes the request and throws CancellationError")
    func cancellation() async throws {
        let server = try DelayServer()
        defer { server.stop() }
        let url = server.baseURL.replacingTarget("/delay/10")
        let task = Task { try await EventDrivenHTTPClient().get(url, timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(100))
        let seconds = await secondsElapsed {
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
        }
        #expect(seconds < 60)  // CancellationError above proves it; this only guards against a hang
    }

    @Test("an unresolvable host and a non-HTTP peer are reported clearly")
    func otherErrors() async throws {
        let url = HTTPURL(host: "no-such-host.invalid", port: 80, target: "/")
        #expect(throws: HTTPClientError.cannotResolve(url.description)) {
            try BlockingHTTPClient.get(url, timeout: .seconds(2))
        }
        for error in [
            HTTPClientError.timedOut("http://127.0.0.1:1/", seconds: 1), .connectionClosed("http://127.0.0.1:1/"),
            .connectionFailed("http://127.0.0.1:1/", errno: ECONNRESET), .cannotResolve("http://127.0.0.1:1/"),
            .malformedResponse("http://127.0.0.1:1/", reason: "x"), .invalidURL("x", reason: "y"),
        ] {
            #expect(error.description.count > 15)
        }
    }

    @Test("the response parser handles chunked bodies and rejects malformed ones")
    func parser() throws {
        func parse(_ text: String) throws -> HTTPResponse? {
            var parser = HTTPResponseParser()
            let bytes = Array(text.utf8)
            return try bytes.withUnsafeBytes { try parser.feed($0) }
        }
        let chunked = try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nT: 1\r\n\r\n")
        #expect(chunked.map(text) == "hello world")
        let interim = try parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
        #expect(interim?.status == 204)
        #expect(try parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort") == nil)
        #expect(throws: HTTPResponseParser.Failure.self) { try parse("HTTP/1.1 OK\r\n\r\n") }
        #expect(throws: HTTPResponseParser.Failure.self) { try parse("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n") }
        #expect(throws: HTTPResponseParser.Failure.self) { try parse("HTTP/1.1 200 OK\r\nBad Header\r\n\r\n") }
        #expect(throws: HTTPResponseParser.Failure.self) {
            try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        }
    }
}
