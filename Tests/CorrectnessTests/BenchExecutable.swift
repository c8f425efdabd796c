import Foundation
import Testing

/// Runs the built `bench` executable as a child process, for end-to-end tests.
///
/// Output goes to temporary files, not pipes: a chatty child can never block
/// on a full pipe while the test waits for it to exit.
struct BenchExecutable {
    /// `bench` next to the test binary: SwiftPM puts every product of a build
    /// in one directory, `.build/<triple>/<configuration>`.
    static var path: String {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent("bench").path
    }

    /// What one run printed and how it ended.
    struct Finished {
        var status: Int32
        var reason: Process.TerminationReason
        var stdout: String
        var stderr: String
    }

    /// A started run.
    final class Running: Sendable {
        let process: Process
        private let stdoutURL: URL
        private let stderrURL: URL
        private let exited: AsyncStream<Void>

        init(process: Process, stdoutURL: URL, stderrURL: URL, exited: AsyncStream<Void>) {
            self.process = process
            self.stdoutURL = stdoutURL
            self.stderrURL = stderrURL
            self.exited = exited
        }

        /// What the child has written to stderr so far (its progress lines).
        func stderrSoFar() -> String {
            (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        }

        /// What the child has written to stdout so far.
        func stdoutSoFar() -> String {
            (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
        }

        /// Waits for exit; after `timeout` the child is killed and the test fails.
        func finish(timeout: Duration) async -> Finished {
            let inTime = await withTaskGroup(of: Bool.self) { group in
                group.addTask { for await _ in self.exited {}; return true }
                group.addTask { try? await Task.sleep(for: timeout); return false }
                let first = await group.next()!
                group.cancelAll()
                return first
            }
            if !inTime {
                kill(process.processIdentifier, SIGKILL)
                // Not `exited` again: cancelling the group ended that stream, and
                // reading terminationStatus of a running Process traps.
                process.waitUntilExit()
                let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
                let lastLines = stderr.split(separator: "\n").suffix(5).joined(separator: "\n")
                Issue.record("bench did not exit within \(timeout); killed. Its last stderr lines:\n\(lastLines)")
            }
            defer {
                try? FileManager.default.removeItem(at: stdoutURL)
                try? FileManager.default.removeItem(at: stderrURL)
            }
            return Finished(
                status: process.terminationStatus, reason: process.terminationReason,
                stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")
        }
    }

    /// Starts `bench arguments`, with `environment` added to this process's; stdout
    /// goes to `stdoutPath` (such as /dev/full) when given.
    /// With `ulimit` ("-n 32"), bench runs under that shell limit.
    static func start(_ arguments: [String], environment: [String: String] = [:],
                      stdoutPath: String? = nil, ulimit: String? = nil) throws -> Running {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchNotBuilt(path: path)
        }
        let process = Process()
        if let ulimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit \(ulimit) && exec \"$0\" \"$@\"", path] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let directory = FileManager.default.temporaryDirectory
        let stdoutURL = directory.appendingPathComponent("bench-e2e-\(UUID().uuidString).out")
        let stderrURL = directory.appendingPathComponent("bench-e2e-\(UUID().uuidString).err")
        for url in [stdoutURL, stderrURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let stdout = try FileHandle(forWritingTo: stdoutPath.map(URL.init(fileURLWithPath:)) ?? stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        // The child has its own copies; `Process` would keep ours open after the run.
        defer { try? stdout.close(); try? stderr.close() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        // terminationHandler, not waitUntilExit(): the latter polls (~50 ms a child).
        let (exited, continuation) = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in continuation.finish() }
        try process.run()
        return Running(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL, exited: exited)
    }

    /// Runs `bench arguments` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    timeout: Duration = .seconds(20), stdoutPath: String? = nil,
                    ulimit: String? = nil) async throws -> Finished {
        try await start(arguments, environment: environment, stdoutPath: stdoutPath, ulimit: ulimit)
            .finish(timeout: timeout)
    }
}

/// The executable under test is missing: the message says how to build it.
struct BenchNotBuilt: Error, CustomStringConvertible {
    var path: String
    var description: String {
        "bench is not built at \(path); run `swift build` (or `swift build -c release` for release tests) first"
    }
}
