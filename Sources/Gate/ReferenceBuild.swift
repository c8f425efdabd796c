import Foundation

/// The reference commit, checked out beside the work tree and built the same
/// way, so its trials run on this machine, now, interleaved with the change's.
///
/// A git worktree under `.build-ref/<commit>` (ignored, reused between runs:
/// the second run only re-links nothing), built with `swift build -c <config>
/// --product bench`, which builds `bench-worker` too; the work tree under test
/// is built by the same command (``workTree(repository:configuration:)``).
public enum ReferenceBuild {
    /// The reference's `bench`, built if needed. Progress goes to stderr: a
    /// first build takes minutes.
    ///
    /// - Throws: ``TrialError`` naming the commit and what to do (fetch it, pick another BASE).
    public static func prepare(_ revision: String, repository: URL, configuration: String) throws(TrialError) -> Build {
        let cacheKey = "\(repository.path)|\(revision)|\(configuration)"
        return try cache.value(cacheKey) { () throws(TrialError) -> Build in
            try build(revision, repository: repository, configuration: configuration)
        }
    }

    private static let cache = Cache()

    private static func build(_ revision: String, repository: URL, configuration: String) throws(TrialError) -> Build {
        let name = "reference \(revision)"
        func fail(_ problem: String) -> TrialError { TrialError(build: name, problem: problem) }
        guard let top = run(["git", "-C", repository.path, "rev-parse", "--show-toplevel"]).output else {
            throw fail("\(repository.path) is not in a git repository, so there is no reference commit to build")
        }
        let root = URL(fileURLWithPath: top)
        guard let commit = run(["git", "-C", top, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}"]).output else {
            let shallow = run(["git", "-C", top, "rev-parse", "--is-shallow-repository"]).output == "true"
            throw fail("commit \(revision) is not in this clone" + (shallow
                ? " (it is shallow: `git fetch --unshallow`, or `fetch-depth: 0` in a GitHub workflow)"
                : "; fetch it, or set BASE=<a commit you have> to compare with"))
        }
        let short = String(commit.prefix(12))
        let trees = root.appendingPathComponent(".build-ref")
        let tree = trees.appendingPathComponent(short)
        prune(trees, keeping: short, top: top)
        if run(["git", "-C", tree.path, "rev-parse", "HEAD"]).output != commit {
            _ = run(["git", "-C", top, "worktree", "prune"])
            try? FileManager.default.removeItem(at: tree)
            let added = run(["git", "-C", top, "worktree", "add", "--detach", "--force", tree.path, commit])
            guard added.output != nil else { throw fail("cannot check out \(short) into \(tree.path): \(added.error)") }
        }
        return try compile(tree, scratch: tree.appendingPathComponent(".build-" + flagsName), configuration: configuration,
                           name: "reference \(String(commit.prefix(7)))")
    }

    /// The work tree under test, built by the same command as the reference
    /// into `.build-current/`, so that both sides differ only in their source.
    public static func workTree(repository: URL, configuration: String) throws(TrialError) -> Build {
        try cache.value("\(repository.path)|work tree|\(configuration)") { () throws(TrialError) -> Build in
            guard let top = run(["git", "-C", repository.path, "rev-parse", "--show-toplevel"]).output else {
                throw TrialError(build: "current", problem: "\(repository.path) is not in a git repository")
            }
            let root = URL(fileURLWithPath: top)
            return try compile(root, scratch: root.appendingPathComponent(".build-current/" + flagsName),
                               configuration: configuration, name: "current")
        }
    }

    /// Names the build directories of ``compile(_:scratch:configuration:name:)``'s flags: SwiftPM does not
    /// recompile when only `-Xswiftc` flags change (measured: alignment added, 27 % of a reference's functions
    /// aligned, by chance), so other flags need another directory.
    static let flagsName = "a64"

    /// `swift build -c <configuration> --product bench` of `tree`, with testability (as `swift test` builds)
    /// and, in release, every function aligned to 64 bytes: two builds of the same prime kernel, one
    /// with unrelated code changed, timed it 9-14 % apart (identical instruction counts), 0.5-1.6 % aligned.
    private static func compile(_ tree: URL, scratch: URL, configuration: String, name: String) throws(TrialError) -> Build {
        progress("gate: building the \(name) build (\(configuration)) in \(scratch.path) ...")
        let start = Date()
        let flags = ["-enable-testing"] + (configuration == "release" ? ["-Xllvm", "-align-all-functions=6"] : [])
        let built = run(["swift", "build", "-c", configuration] + flags.flatMap { ["-Xswiftc", $0] }
                        + ["--product", "bench", "--package-path", tree.path, "--scratch-path", scratch.path])
        let bench = scratch.appendingPathComponent("\(configuration)/bench").path
        guard built.output != nil, FileManager.default.isExecutableFile(atPath: bench) else {
            throw TrialError(build: name, problem: "`swift build` failed: \(built.error.suffix(600))")
        }
        progress("gate: \(name) built in \(Int(Date().timeIntervalSince(start))) s")
        return Build(name: name, bench: bench)
    }

    /// Removes reference trees but `keeping` and the most recently used other one: each holds a
    /// checkout and its build (~300 MB).
    private static func prune(_ trees: URL, keeping: String, top: String) {
        let manager = FileManager.default
        let others = ((try? manager.contentsOfDirectory(at: trees, includingPropertiesForKeys: [.contentModificationDateKey]))
            ?? []).filter { $0.lastPathComponent != keeping }
        let byAge = others.sorted {
            let a = (try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            let b = (try? $1.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            return a > b
        }
        for old in byAge.dropFirst() { _ = run(["git", "-C", top, "worktree", "remove", "--force", old.path]) }
        for old in byAge.dropFirst() where manager.fileExists(atPath: old.path) { try? manager.removeItem(at: old) }
        _ = run(["git", "-C", top, "worktree", "prune"])
        try? manager.setAttributes([.modificationDate: Date()], ofItemAtPath: trees.appendingPathComponent(keeping).path)
    }

    /// Runs a command to its end: trimmed stdout on exit 0, else `nil` and the tail of stderr.
    static func run(_ arguments: [String]) -> (output: String?, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdout = Pipe()
        defer { try? stdout.fileHandleForReading.close() }  // `Process` keeps it open (see `Trial`)
        let stderr = FileManager.default.temporaryDirectory.appendingPathComponent("kit-gate-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: stderr) }
        process.standardOutput = stdout
        process.standardError = try? FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        guard (try? process.run()) != nil else { return (nil, "cannot run \(arguments[0])") }
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        let error = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (process.terminationStatus == 0 ? text : nil, error.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// One build per reference and process, however many benchmarks ask.
    ///
    /// `@unchecked Sendable` is safe: `values` is read and written only while `lock` is held.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Result<Build, TrialError>] = [:]

        func value(_ key: String, _ make: () throws(TrialError) -> Build) throws(TrialError) -> Build {
            lock.lock()
            defer { lock.unlock() }
            if let known = values[key] { return try known.get() }
            let result = Result<Build, TrialError> { () throws(TrialError) -> Build in try make() }
            values[key] = result
            return try result.get()
        }
    }
}
