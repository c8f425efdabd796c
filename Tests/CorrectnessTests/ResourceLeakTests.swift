import Testing
import Glibc
import Workloads

/// Fd and socket accounting. Other suites run in parallel in this process, so
/// the checks are tolerant: sockets are attributed by inode, and the plain fd
/// count is retried until the other tests' fds settle.
@Suite("Resource use", .serialized)
struct ResourceLeakTests {
    /// Entries in /proc/self/fd.
    static func openFDCount() -> Int {
        openFDTargets().count
    }

    /// The link target of every open fd ("socket:[123]", "anon_inode:[eventpoll]", ...).
    static func openFDTargets() -> [String] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        var targets: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.first?.isNumber == true else { continue }
            var buffer = [CChar](repeating: 0, count: 256)
            let length = readlink("/proc/self/fd/\(name)", &buffer, buffer.count - 1)
            if length > 0 { targets.append(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
        }
        return targets
    }

    /// "socket:[inode]" of every open TCP socket whose local port is `port`
    /// (the listener and the server's side of each connection).
    static func serverSockets(port: Int) -> Set<String> {
        guard let file = fopen("/proc/net/tcp", "r") else { return [] }
        defer { fclose(file) }
        var result: Set<String> = []
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .split(separator: " ")
            // Inode 0: a TIME_WAIT remnant, owned by no one; it may even be an earlier
            // server's, one that had the same ephemeral port.
            guard fields.count > 9, let colon = fields[1].lastIndex(of: ":"),
                  Int(fields[1][fields[1].index(after: colon)...], radix: 16) == port, fields[9] != "0"
            else { continue }
            result.insert("socket:[\(fields[9])]")
        }
        return result
    }

    @Test("a server started, used and stopped leaves no fd or socket open")
    func noLeaks() async throws {
        // The shared loop's own fds (epoll, eventfd) live for the whole process:
        // start it before counting.
        _ = EventLoop.shared
        let before = (0..<3).map { _ in Self.openFDCount() }.min()!
        let server = try DelayServer(headerTimeout: .seconds(30))
        let port = server.port
        var serverSockets: Set<String> = []
        do {
            let idle = RawConnection(port: server.port)
            idle.send("GET /get HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = idle.readResponse()
            let incomplete = RawConnection(port: server.port)
            incomplete.send("GET /delay/1 HTTP/1.1\r\nHost: x\r\nHo")
            let waiting = RawConnection(port: server.port)
            waiting.send("GET /delay/5 HTTP/1.1\r\nHost: x\r\n\r\n")
            let client = EventDrivenHTTPClient()
            let job = DelayRequestJob(base: server.baseURL, delay: 0.05)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 { group.addTask { _ = try await job.run(using: client) } }
                try await group.waitForAll()
            }
            _ = try job.runBlocking()
            serverSockets = Self.serverSockets(port: server.port)
            #expect(serverSockets.count >= 4)  // the listener and three open connections
            server.stop()
            #expect(Set(Self.openFDTargets()).isDisjoint(with: serverSockets))
        }
        // Every socket of ours on either end of a connection to that port is
        // closed: the raw ones, the blocking client's, and the event-driven
        // client's idle keep-alive ones (closed when the server closed them).
        // Counted by inode, not by the process's fd total: other suites run
        // in parallel and open and close fds of their own meanwhile.
        var leftOpen = Set(Self.openFDTargets()).intersection(Self.socketsTouching(port: port))
        for _ in 0..<50 where !leftOpen.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            leftOpen = Set(Self.openFDTargets()).intersection(Self.socketsTouching(port: port))
        }
        #expect(leftOpen.isEmpty, "sockets still open on port \(port): \(leftOpen) (fds before: \(before))")
    }

    /// "socket:[inode]" of every TCP socket with `port` at either end.
    static func socketsTouching(port: Int) -> Set<String> {
        guard let table = readProcFile("/proc/net/tcp") else { return [] }
        var result: Set<String> = []
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9 else { continue }
            let ports = [fields[1], fields[2]].compactMap { $0.split(separator: ":").last.flatMap { Int($0, radix: 16) } }
            if ports.contains(port) { result.insert("socket:[\(fields[9])]") }
        }
        return result
    }

    @Test("event loops started and shut down leave no fd open")
    func loopsClose() async throws {
        let before = (0..<3).map { _ in Self.openFDCount() }.min()!
        for index in 0..<20 {
            EventLoop(name: "test-leak-\(index)").shutdown()
        }
        var after = Self.openFDCount()
        for _ in 0..<50 where after > before {
            try await Task.sleep(for: .milliseconds(100))
            after = Self.openFDCount()
        }
        #expect(after <= before, "open fds: \(before) before, \(after) after")
    }
}
