import Foundation
import Runners
import Testing
import Workloads

/// A misbehaving stand-in for `bench-worker`: a real child process (a shell
/// script) that fails in one particular way.
enum WorkerFault: String, CaseIterable, Sendable {
    case crash, abort, exitStatus, garbage, silent, hang, missing

    /// The script's body, or nil when the binary should not exist at all.
    var script: String? {
        switch self {
        case .crash: "kill -SEGV $$"
        case .abort: "kill -ABRT $$"
        case .exitStatus: "echo 'worker: disk on fire' >&2; exit 3"
        case .garbage: "echo 'this is not an answer'"
        case .silent: "exit 0"
        case .hang: "exec sleep 600"
        case .missing: nil
        }
    }

    /// Words the job's error must contain, so a user knows what happened.
    var expectedWords: [String] {
        switch self {
        case .crash: ["signal 11", "Segmentation fault"]
        case .abort: ["signal 6", "Abort"]
        case .exitStatus: ["exited with status 3", "disk on fire"]
        case .garbage: ["answered", "this is not an answer", "expected one line"]
        case .silent: ["answered", "expected one line"]
        case .hang: ["timed out"]
        case .missing: ["not found", "swift build --product bench-worker", "KIT_WORKER_PATH"]
        }
    }

    /// Writes the fake worker into `directory` and returns its path.
    func install(in directory: URL) throws -> WorkerExecutable {
        let path = directory.appendingPathComponent("fake-worker-\(rawValue)").path
        if let script {
            // Written through a close-on-exec fd: a child that another test forks
            // meanwhile must not keep it open, or exec fails with ETXTBSY.
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
            let bytes = Array("#!/bin/sh\n\(script)\n".utf8)
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        }
        return WorkerExecutable(path: path)
    }

    /// The run's timeout: short only for the worker that hangs, which must time
    /// out; the others end by themselves, and on a loaded machine starting a
    /// shell script can take longer than any short deadline (it did, at 0.5 s).
    var timeout: Duration { self == .hang ? .milliseconds(500) : .seconds(30) }

    /// Runs two prime jobs with this fake worker.
    func run(in directory: URL) async throws -> [JobOutcome] {
        let context = RunContext(timeout: timeout, worker: try install(in: directory))
        return await ProcessesRunner().run(.primes(PrimeJob(limit: 1_000)), count: 2, context: context)
    }
}

@Suite("Worker faults in the processes model")
struct WorkerFaultTests {
    @Test("each fault is a clear error naming the job", arguments: WorkerFault.allCases)
    func faultIsReported(_ fault: WorkerFault) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (outcomes, timing) = try await Stopwatch.time { try await fault.run(in: directory) }
        #expect(timing.wall < 60, "a fault must not hang the run (the hanging worker sleeps 600 s)")
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else {
                Issue.record("\(fault): expected a failure, got \(outcome)")
                continue
            }
            #expect(failure.description.contains("processes job"))
            #expect(failure.description.contains("primes below 1000"))
            for word in fault.expectedWords {
                #expect(failure.description.contains(word), "\(fault): \(failure)")
            }
        }
    }

    @Test("after every fault: no zombie, no live child, no leaked fd (checked in a clean child process)")
    func noLeaks() async {
        await #expect(processExitsWith: .success) {
            let directory = try temporaryDirectory()
            // One run first: the runtime opens a few fds once, on first use.
            _ = try await WorkerFault.crash.run(in: directory)
            let before = openFileDescriptors()
            for fault in WorkerFault.allCases { _ = try await fault.run(in: directory) }
            try FileManager.default.removeItem(at: directory)
            let leaked = openFileDescriptors().subtracting(before)
            let zombies = ChildProcessScan.zombies(of: getpid())
            if !leaked.isEmpty || !zombies.isEmpty || LiveChildren.count != 0 {
                exit(Int32(min(leaked.count, 9) * 10 + min(zombies.count, 9)) + 1)
            }
        }
    }
}

/// A fresh directory under the system's temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The numbers of this process's open file descriptors.
func openFileDescriptors() -> Set<Int> {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return Set(names.compactMap(Int.init))
}
