import Foundation
import Glibc
import Synchronization
@testable import Workloads

/// A loopback HTTP server of the tests' own that misbehaves on purpose: for each
/// request it sends the bytes `answer` gives for the request target, then, when
/// `answer` also gives a `repeating` block, sends that block again and again
/// until the client goes away or the server stops. A thread per connection.
final class HostileServer: Sendable {
    /// What to send for one request.
    struct Answer: Sendable {
        var bytes: [UInt8]
        /// Sent without end after `bytes`.
        var repeating: [UInt8]? = nil

        init(_ text: String, repeating: String? = nil) {
            bytes = Array(text.utf8)
            self.repeating = repeating.map { Array($0.utf8) }
        }
    }

    let port: Int
    private let listener: Int32
    private let stopped = Atomic<Bool>(false)
    /// Bytes sent to clients so far, over every connection.
    let bytesSent = Atomic<Int>(0)

    /// Listens on 127.0.0.1 (ephemeral port); `answer` maps a request target to the reply.
    init(_ answer: @escaping @Sendable (String) -> Answer) {
        let closed = ClosedPort.bound()
        listener = closed.fd
        port = closed.port
        precondition(listen(listener, 64) == 0, "listen failed: errno \(errno)")
        let listener = listener
        Thread.detachNewThread { [self] in
            while !stopped.load(ordering: .relaxed) {
                var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 50) > 0 else { continue }
                let client = accept(listener, nil, nil)
                guard client >= 0 else { continue }
                Thread.detachNewThread { [self] in serve(client, answer) }
            }
            close(listener)
        }
    }

    /// A server that answers every request with `text`, then `repeating` forever.
    convenience init(always text: String, repeating: String? = nil) {
        self.init { _ in Answer(text, repeating: repeating) }
    }

    /// `http://127.0.0.1:<port><target>`.
    func url(_ target: String = "/get") -> HTTPURL {
        HTTPURL(host: "127.0.0.1", port: port, target: target)
    }

    /// Stops accepting and ends every stream within about 0.2 s.
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func serve(_ fd: Int32, _ answer: (String) -> Answer) {
        defer { close(fd) }
        // A send that cannot proceed for 0.1 s returns, so a stopped server notices.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while let target = readRequestTarget(fd) {
            let reply = answer(target)
            guard send(reply.bytes, on: fd) else { return }
            guard let block = reply.repeating else { continue }
            while send(block, on: fd) {}
            return
        }
    }

    /// The target of the next request ("/get"), nil when the client closed or stalled.
    private func readRequestTarget(_ fd: Int32) -> String? {
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.ends(with: Array("\r\n\r\n".utf8)) {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 5000) > 0, recv(fd, &byte, 1, 0) == 1, head.count < 65536 else { return nil }
            head.append(byte)
        }
        let line = String(decoding: head.prefix { $0 != 0x0D }, as: UTF8.self)
        let parts = line.split(separator: " ")
        return parts.count > 1 ? String(parts[1]) : nil
    }

    /// Sends all of `bytes`; false once the client is gone or the server stopped.
    private func send(_ bytes: [UInt8], on fd: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            if stopped.load(ordering: .relaxed) { return false }
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                sent += count
                bytesSent.add(count, ordering: .relaxed)
            } else if count < 0 && (errno == EAGAIN || errno == EINTR) {
                continue
            } else {
                return false
            }
        }
        return true
    }
}

extension Array where Element: Equatable {
    func ends(with suffix: [Element]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

/// This process's resident set size in MiB (VmRSS of /proc/self/status).
func residentMiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
}
