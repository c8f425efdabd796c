import Foundation
import Testing
@testable import Workloads

/// The delay server under abuse: every kind of bad input at once, while
/// well-formed requests must keep being served.
@Suite("Delay server under abuse")
struct ServerAbuseTests {
    /// Bad inputs, each sent on its own connection, with the status expected
    /// (nil: the connection is simply dropped or closed).
    static let badInputs: [(name: String, bytes: String, status: Int?)] = [
        ("garbage request line", "HELLO\r\n\r\n", 400),
        ("missing version", "GET /get\r\n\r\n", 400),
        ("bad version", "GET /get HTTP/9.9\r\n\r\n", nil),
        ("header without colon", "GET /get HTTP/1.1\r\nHost example\r\n\r\n", 400),
        ("binary bytes", "\u{0}\u{1}\u{2}\u{3}\r\n\r\n", 400),
        ("POST", "POST /get HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
        ("DELETE", "DELETE /delay/1 HTTP/1.1\r\nHost: x\r\n\r\n", 405),
        ("unknown path", "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", 404),
        ("delay not a number", "GET /delay/abc HTTP/1.1\r\nHost: x\r\n\r\n", nil),
        ("oversized headers", "GET /get HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n", 431),
    ]

    /// In a child process of its own: these 2000 sockets would otherwise be open in the
    /// test process while other tests start children, and Foundation's `Process.run()`
    /// reads past its /proc/self/fd buffer once a process has over ~1,300 descriptors
    /// (a crash in memmove; swift-corelibs-foundation PR #5472).
    @Test("1000 concurrent delayed requests, bad inputs and abrupt closes: good requests still served, no fd kept")
    func abuseWhileServing() async throws {
        await #expect(processExitsWith: .success) {
            let server = try DelayServer(headerTimeout: .seconds(3))
            defer { server.stop() }
            let loop = EventLoop(name: "test-abuse")
            defer { loop.shutdown() }
            let client = EventDrivenHTTPClient(loop: loop)
            let job = DelayRequestJob(base: server.baseURL, delay: 0.3)

            // 1000 concurrent delayed requests in flight while the abuse happens.
            async let statuses = withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<1_000 { group.addTask { try await job.run(using: client).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }

            var tried = 0
            for input in ServerAbuseTests.badInputs {
                let connection = RawConnection(port: server.port)
                connection.send(input.bytes)
                let response = connection.readResponse(timeout: 20)
                if let status = input.status {
                    #expect(response?.status == status, "\(input.name)")
                } else {
                    #expect(response == nil || (400..<600).contains(response!.status), "\(input.name)")
                }
                tried += 1
            }
            // Abrupt closes: mid-request, and mid-wait for a delayed response.
            for _ in 0..<20 {
                let midRequest = RawConnection(port: server.port)
                midRequest.send("GET /delay/0.1 HTTP/1.1\r\nHost: x\r\nHo")
                midRequest.reset()
                let midWait = RawConnection(port: server.port)
                midWait.send("GET /delay/0.1 HTTP/1.1\r\nHost: x\r\n\r\n")
                midWait.reset()
                tried += 2
            }
            // A slow client that never finishes its head is dropped by the header timeout.
            let slow = RawConnection(port: server.port)
            slow.send("GET /get HTTP/1.1\r\nHost: sl")
            #expect(slow.closedByPeer(timeout: 20))
            tried += 1

            let served = try await statuses
            #expect(served.count == 1_000)
            #expect(served.allSatisfy { $0 == 200 })
            // And a well-formed request after all of it.
            #expect(try await client.get(server.baseURL.replacingTarget("/get"), timeout: .seconds(10)).status == 200)
            #expect(tried == ServerAbuseTests.badInputs.count + 41)
        }
    }

    @Test("the server listens on 127.0.0.1 only")
    func loopbackOnly() throws {
        let server = try DelayServer()
        defer { server.stop() }
        let listeners = listeningAddresses(port: server.port)
        #expect(listeners == ["127.0.0.1"], "listening on \(listeners)")
    }
}

/// Local IPv4 addresses of sockets listening on `port`, from /proc/net/tcp.
func listeningAddresses(port: Int) -> [String] {
    guard let table = readProcFile("/proc/net/tcp") else { return [] }
    return table.split(separator: "\n").dropFirst().compactMap { line in
        let fields = line.split(separator: " ")
        guard fields.count > 3, fields[3] == "0A" else { return nil }  // 0A: LISTEN
        let local = fields[1].split(separator: ":")
        guard local.count == 2, Int(local[1], radix: 16) == port, let raw = UInt32(local[0], radix: 16) else { return nil }
        // The address is printed as a little-endian hex word.
        return [raw & 0xff, (raw >> 8) & 0xff, (raw >> 16) & 0xff, raw >> 24].map(String.init).joined(separator: ".")
    }
}
