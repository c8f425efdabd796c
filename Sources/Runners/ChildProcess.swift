#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workloads

/// A child process started with `posix_spawn`, its stdout and stderr piped back.
///
/// `Process.waitUntilExit()` polls (about 51 ms a child here); this reads the
/// pipes with `poll(2)` until both close, then reaps the child, so the parent
/// sleeps until there is something to do.
public struct ChildProcess {
    public let pid: pid_t
    fileprivate var pipes: [Int32]
    fileprivate(set) var output: [UInt8] = []
    fileprivate(set) var errors: [UInt8] = []
    fileprivate(set) var killedAtDeadline = false

    /// How the child ended.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exit \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// Starts `path` with `arguments`, stdin from /dev/null.
    /// Why a pipe could not be made, with what to do when it is the file limit.
    private static func pipeFailure() -> String {
        let code = errno
        return "cannot create a pipe: \(errnoText())" + (fileLimitAdvice(code).map { ": " + $0 } ?? "")
    }

    static func spawn(_ path: String, arguments: [String]) throws(JobFailure.Cause) -> ChildProcess {
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard makePipe(&stdoutPipe) else { throw .worker(pipeFailure()) }
        guard makePipe(&stderrPipe) else {
            stdoutPipe.forEach { close($0) }
            throw .worker(pipeFailure())
        }
        defer {
            close(stdoutPipe[1])
            close(stderrPipe[1])
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        // The child starts with default signal handling and an empty mask,
        // whatever the parent (a test runner, say) changed.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        var status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        // ETXTBSY: another thread forked while the executable was open for
        // writing (it was just built or written); that fd closes on exec in a moment.
        for _ in 0..<100 where status == ETXTBSY {
            usleep(10_000)
            status = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        guard status == 0 else {
            close(stdoutPipe[0])
            close(stderrPipe[0])
            throw .worker("cannot start \(path): \(String(cString: strerror(status)))")
        }
        LiveChildren.insert(pid)
        return ChildProcess(pid: pid, pipes: [stdoutPipe[0], stderrPipe[0]])
    }

    /// Reaps the child. Call after its pipes closed: it is exiting, so this waits
    /// briefly; a child that closed its pipes but lingers is killed at `deadline`.
    mutating func reap(deadline: ContinuousClock.Instant) -> Termination {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                LiveChildren.remove(pid)
                return .exited(-1)
            }
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                killedAtDeadline = true
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(100)
        }
        LiveChildren.remove(pid)
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

extension ChildProcess {
    /// What a child printed (stderr: its first 64 KiB) and how it ended.
    public struct Finished: Sendable {
        public var termination: Termination
        public var output: [UInt8]
        public var errors: [UInt8]
        /// It was killed at the deadline or on cancellation.
        public var killed: Bool
    }

    /// Runs `path` to the end: stdin from /dev/null, both pipes read as they
    /// fill (a chatty child never blocks), killed at `deadline` or when
    /// `cancellation` is cancelled; counted among the live children meanwhile.
    public static func run(_ path: String, arguments: [String], until deadline: ContinuousClock.Instant,
                           cancellation: CancellationFlag) throws(JobFailure.Cause) -> Finished {
        var children = [try spawn(path, arguments: arguments)]
        children.drainPipes(until: deadline, cancellation: cancellation)
        let termination = children[0].reap(deadline: deadline)
        return Finished(termination: termination, output: children[0].output, errors: children[0].errors,
                        killed: children[0].killedAtDeadline)
    }
}

extension Array where Element == ChildProcess {
    /// Reads every child's stdout and stderr until all pipes close or the
    /// deadline passes; at the deadline, or when the run is cancelled, the
    /// children still running are killed.
    mutating func drainPipes(until deadline: ContinuousClock.Instant, cancellation: CancellationFlag) {
        var buffer = [UInt8](repeating: 0, count: 65_536)  // a pipe's whole capacity per read
        while true {
            var watched: [pollfd] = []
            var owners: [(child: Int, pipe: Int)] = []
            for (child, process) in enumerated() {
                for (pipe, fd) in process.pipes.enumerated() where fd >= 0 {
                    watched.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
                    owners.append((child, pipe))
                }
            }
            if watched.isEmpty { return }
            let remaining = deadline - .now
            if remaining <= .zero || cancellation.isCancelled {
                killRunning(owners.map(\.child))
                continue
            }
            // Wake at least every 50 ms to notice a cancellation.
            let milliseconds = Int32(Swift.min(remaining.seconds * 1000 + 1, 50))
            let ready = poll(&watched, nfds_t(watched.count), milliseconds)
            if ready < 0 && errno != EINTR { killRunning(owners.map(\.child)) }
            for (slot, entry) in watched.enumerated() where entry.revents != 0 {
                let (child, pipe) = owners[slot]
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if pipe == 0 { self[child].output += buffer[0..<count] }
                    else if self[child].errors.count < 65_536 { self[child].errors += buffer[0..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(entry.fd)
                    self[child].pipes[pipe] = -1
                }
            }
        }
    }

    /// Kills the children that still hold a pipe open and closes their pipes.
    private mutating func killRunning(_ children: [Int]) {
        for child in Set(children) {
            kill(self[child].pid, SIGKILL)
            self[child].killedAtDeadline = true
            for (pipe, fd) in self[child].pipes.enumerated() where fd >= 0 {
                close(fd)
                self[child].pipes[pipe] = -1
            }
        }
    }
}

/// A pipe whose ends close on exec, so no other child inherits them (a child
/// holding our write end would delay end-of-file until it exits).
/// Glibc's module does not export `pipe2`; the window between `pipe` and
/// `fcntl` matters only if another thread spawns in those nanoseconds.
private func makePipe(_ fds: inout [Int32]) -> Bool {
    guard pipe(&fds) == 0 else { return false }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    if FileLimit.keepingReserve(max(fds[0], fds[1])) < 0 {  // closed it; errno is EMFILE
        close(min(fds[0], fds[1]))
        return false
    }
    return true
}

/// The current `errno` as text.
func errnoText() -> String {
    String(cString: strerror(errno))
}
