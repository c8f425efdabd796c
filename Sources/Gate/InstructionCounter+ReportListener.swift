import Foundation
import Glibc

extension InstructionCounter {
    /// A TCP listener on 127.0.0.1 (loopback only) for `valgrind --log-socket`: every traced process
    /// connects once and sends its whole log.
    final class ReportListener {
        let port: UInt16
        private var fd: Int32

        struct Failure: Error, CustomStringConvertible {
            var description: String
        }

        init() throws(Failure) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: \(errnoText())") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let listening = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(fd, socketAddress, length) == 0 && listen(fd, 128) == 0
                        && getsockname(fd, socketAddress, &length) == 0
                }
            }
            guard listening else {
                let reason = errnoText()
                Glibc.close(fd)
                throw Failure(description: "127.0.0.1: \(reason)")
            }
            self.fd = fd
            port = UInt16(bigEndian: address.sin_port)
        }

        /// Reads every connection to its end, and `stderr` too, until `stderr` closes (every process that
        /// holds it has exited) and no connection is open or waiting; a connection still open 5 s later (a
        /// process that outlived the command) is given up. Returns what came by socket and by stderr.
        func collect(until stderr: Int32) -> (sent: String, unsent: String) {
            var open: [Int32: [UInt8]] = [:]
            var logs: [UInt8] = []
            var unsent: [UInt8] = []
            var stderrOpen = true
            var giveUp: ContinuousClock.Instant?
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let now = ContinuousClock.now
                if !stderrOpen, giveUp == nil { giveUp = now + .seconds(5) }
                if let giveUp, now >= giveUp { break }
                var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
                if stderrOpen { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
                fds += open.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                // Once every process has exited, what is left to read is already here: look without waiting.
                let timeout: Int32 = stderrOpen ? -1 : (open.isEmpty ? 0 : 100)
                let ready = poll(&fds, nfds_t(fds.count), timeout)
                if ready < 0, errno == EINTR { continue }
                if ready <= 0 && !stderrOpen && open.isEmpty { break }
                for entry in fds where entry.revents != 0 {
                    if entry.fd == fd {
                        let connection = accept(fd, nil, nil)
                        if connection >= 0 {
                            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                            open[connection] = []
                        }
                        continue
                    }
                    let count = read(entry.fd, &buffer, buffer.count)
                    if count < 0, errno == EINTR { continue }
                    if count > 0 {
                        if entry.fd == stderr { unsent += buffer[..<count] } else { open[entry.fd]! += buffer[..<count] }
                        continue
                    }
                    if entry.fd == stderr {
                        stderrOpen = false
                    } else {
                        logs += open.removeValue(forKey: entry.fd)! + [UInt8(ascii: "\n")]
                        Glibc.close(entry.fd)
                    }
                }
            }
            for (connection, partial) in open {
                logs += partial
                Glibc.close(connection)
            }
            return (String(decoding: logs, as: UTF8.self), String(decoding: unsent, as: UTF8.self))
        }

        func close() {
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }
}
