import Foundation

/// Where reports go: stdout, a file replaced atomically, and the GitHub
/// Actions job summary.
enum ReportOutput {
    /// Writes `text` to `path` via a temporary file and a rename, so a reader
    /// (or an interrupted run) never sees half a report; nil path is stdout.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            return
        }
        // `.atomic` is Foundation's temporary file + rename.
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Why `path` cannot take a report, checked before any work is done
    /// (creating and removing a scratch file beside it); nil when it can.
    static func problem(writing path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the directory \(directory.path) does not exist"
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(path) is a directory"
        }
        let probe = directory.appendingPathComponent(".bench-probe-\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: nil) else {
            return "cannot create files in \(directory.path) (permissions, or a read-only file system)"
        }
        try? FileManager.default.removeItem(at: probe)
        return nil
    }

    /// Appends `markdown` to `$GITHUB_STEP_SUMMARY` when it is set, so a CI
    /// run shows the tables on its summary page whatever `--format` was chosen.
    static func appendToStepSummary(_ markdown: String) throws {
        guard let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return }
        if !FileManager.default.fileExists(atPath: path) {
            // Failure shows up below, when the file cannot be opened.
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n" + markdown).utf8))
    }
}
