import Testing
import Glibc
@testable import Workloads

/// Both HTTP clients against servers that misbehave on purpose (issue 20, items 1
/// and 2): each fails with the real cause, within its deadline, in bounded memory.
/// Serialized: the memory checks read this process's RSS, which the 8 MiB test
/// would inflate for the others (other suites still run alongside, hence the slack).
@Suite("Hostile servers", .serialized)
struct HostileServerTests {
    static let chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"

    /// The errors of a blocking and an event-driven GET of `url`, and the
    /// longest either took.
    func getBoth(_ url: HTTPURL, timeout: Duration) async -> (blocking: Error?, eventDriven: Error?, seconds: Double) {
        var blocking: Error?
        var eventDriven: Error?
        let first = await secondsElapsed {
            do { _ = try BlockingHTTPClient.get(url, timeout: timeout) } catch { blocking = error }
        }
        let second = await secondsElapsed {
            do { _ = try await EventDrivenHTTPClient().get(url, timeout: timeout) } catch { eventDriven = error }
        }
        return (blocking, eventDriven, max(first, second))
    }

    func reason(_ error: Error?) -> String {
        if case .malformedResponse(_, let reason)? = error as? HTTPClientError { return reason }
        return "not a malformed response: \(String(describing: error))"
    }

    @Test("a signed chunk size (-2, +5) is a malformed response, not a crash", arguments: ["-2", "+5", "0x5", " 5"])
    func signedChunkSize(size: String) async {
        let server = HostileServer(always: Self.chunkedHead + "\(size)\r\nhello\r\n0\r\n\r\n")
        defer { server.stop() }
        let result = await getBoth(server.url(), timeout: .seconds(5))
        #expect(reason(result.blocking).hasPrefix("bad chunk size"))
        #expect(reason(result.eventDriven).hasPrefix("bad chunk size"))
    }

    @Test("the chunk-size parser takes 1 to 8 hex digits and extensions, nothing else")
    func chunkSizeSyntax() throws {
        func size(_ text: String) throws -> Int { try HTTPResponseParser.chunkSize(ArraySlice(text.utf8)) }
        #expect(try size("5") == 5)
        #expect(try size("fF;name=value") == 255)
        #expect(try size("a ; x") == 10)
        #expect(try size("FFFFFFFF") == 0xFFFF_FFFF)
        for bad in ["", "-2", "+5", "0x5", "123456789", "5 5", "g", ";x", "5\u{0}"] {
            #expect(throws: HTTPResponseParser.Failure.self, "\(bad)") { try size(bad) }
        }
    }

    @Test("endless 100 Continue heads fail at once in both clients, not after the timeout")
    func endlessInterimHeads() async {
        let server = HostileServer(always: "", repeating: "HTTP/1.1 100 Continue\r\n\r\n")
        defer { server.stop() }
        // The reason proves the head count ended it; a timeout far beyond the count's
        // moment keeps a slow machine from ending it on the clock instead.
        let result = await getBoth(server.url(), timeout: .seconds(30))
        #expect(reason(result.blocking).contains("interim (1xx) heads"))
        #expect(reason(result.eventDriven).contains("interim (1xx) heads"))
        #expect(result.seconds < 30)
    }

    @Test("a chunk declared larger than the body cap is refused from its size line")
    func hugeChunk() async {
        let server = HostileServer(always: Self.chunkedHead + "FFFFFFFF\r\n", repeating: String(repeating: "x", count: 65536))
        defer { server.stop() }
        let before = residentMiB()
        let result = await getBoth(server.url(), timeout: .seconds(5))
        #expect(reason(result.blocking) == "body larger than the 8 MiB limit")
        #expect(reason(result.eventDriven) == "body larger than the 8 MiB limit")
        #expect(result.seconds < 5)
        #expect(residentMiB() - before < 100)
    }

    @Test("1-byte chunks with 4 KB extensions, sent forever, time out on time in bounded memory")
    func endlessTinyChunks() async {
        let chunk = "1;" + String(repeating: "e", count: 4000) + "\r\nx\r\n"
        let server = HostileServer(always: Self.chunkedHead, repeating: String(repeating: chunk, count: 16))
        defer { server.stop() }
        let before = residentMiB()
        let result = await getBoth(server.url(), timeout: .seconds(2))
        #expect(result.blocking as? HTTPClientError == .timedOut(server.url().description, seconds: 2))
        #expect(result.eventDriven as? HTTPClientError == .timedOut(server.url().description, seconds: 2))
        #expect(result.seconds < 3)  // the timeout + 1 s of issue 20's acceptance
        #expect(residentMiB() - before < 100)
        #expect(server.bytesSent.load(ordering: .relaxed) > 1 << 20)  // the stream did flow
    }

    @Test("a body without framing, sent forever, stops at the 8 MiB cap or the deadline")
    func endlessUnframedBody() async {
        let server = HostileServer(always: "HTTP/1.1 200 OK\r\n\r\n", repeating: String(repeating: "x", count: 65536))
        defer { server.stop() }
        let before = residentMiB()
        let result = await getBoth(server.url(), timeout: .seconds(4))
        for error in [result.blocking, result.eventDriven] {
            let capped = reason(error) == "body larger than the 8 MiB limit"
            #expect(capped || error as? HTTPClientError == .timedOut(server.url().description, seconds: 4))
        }
        #expect(result.seconds < 5)
        #expect(residentMiB() - before < 200)
    }

    @Test("a stream on the event loop does not starve its other sockets and timers")
    func fairLoop() async throws {
        let hostile = HostileServer(always: "HTTP/1.1 200 OK\r\n\r\n", repeating: String(repeating: "x", count: 65536))
        defer { hostile.stop() }
        let server = try DelayServer()
        defer { server.stop() }
        let loop = EventLoop(name: "test-fair-loop")
        defer { loop.shutdown() }
        let client = EventDrivenHTTPClient(loop: loop)
        let flood = Task { try await client.get(hostile.url(), timeout: .seconds(8)) }
        try await Task.sleep(for: .milliseconds(200))
        let seconds = try await secondsElapsed {
            let response = try await client.get(server.baseURL.replacingTarget("/delay/0.1"), timeout: .seconds(8))
            #expect(response.status == 200)
        }
        #expect(seconds < 4)
        flood.cancel()
        _ = await flood.result
    }

    @Test("content-length errors name the cause: conflicting values, over the limit")
    func contentLengthMessages() async {
        let twice = HostileServer(always: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello")
        defer { twice.stop() }
        let huge = HostileServer(always: "HTTP/1.1 200 OK\r\nContent-Length: 73400320\r\n\r\n")
        defer { huge.stop() }
        let conflicting = await getBoth(twice.url(), timeout: .seconds(5))
        #expect(reason(conflicting.blocking) == "conflicting content-lengths '5' and '6'")
        #expect(reason(conflicting.eventDriven) == "conflicting content-lengths '5' and '6'")
        let over = await getBoth(huge.url(), timeout: .seconds(5))
        #expect(reason(over.blocking) == "content-length 73400320 over the 8 MiB limit")
        #expect(reason(over.eventDriven) == "content-length 73400320 over the 8 MiB limit")
    }
}
