import Foundation

/// Where reports go: stdout, a file replaced atomically, and the GitHub
/// Actions job summary.
enum ReportOutput {
    /// A report that did not reach its destination.
    struct WriteFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `text` to `path` via a temporary file and a rename, so a reader
    /// (or an interrupted run) never sees half a report; nil path is stdout,
    /// flushed at once so a full disk or a closed pipe is an error here.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            print(text, terminator: "")
            // fflush(nil) fails when any earlier flush of stdout failed too (glibc keeps the bytes).
            guard fflush(nil) == 0 else {
                throw WriteFailure(description: "stdout: \(String(cString: strerror(errno)))")
            }
            return
        }
        // Checked again: the rename below would replace whatever is at the path now.
        if let problem = notARegularFile(path) { throw WriteFailure(description: "\(path): \(problem)") }
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
            return "the directory \(directory.path) does not exist; choose another path"
        }
        if let problem = notARegularFile(path) { return problem }
        let probe = directory.appendingPathComponent(".bench-probe-\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: nil) else {
            return "cannot create files in \(directory.path) (permissions, or a read-only file system); choose another path"
        }
        try? FileManager.default.removeItem(at: probe)
        return nil
    }

    /// What is at `path` when it is something other than a regular file (a report
    /// replaces the file by a rename, which would replace a device, a FIFO or a
    /// symbolic link itself); nil when nothing or a regular file is there.
    static func notARegularFile(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory; name a file in it"
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            let shown = target.count > 24 ? target.prefix(23) + "…" : Substring(target)
            return "it is a symbolic link to \(shown); name its target"
        case S_IFCHR, S_IFBLK: return "it is a device; name a file, or redirect stdout"
        case S_IFIFO: return "it is a FIFO; name a file, or pipe stdout"
        default: return "it is a socket or a special file; name a regular file"
        }
    }

    /// Why the destinations `-o` and `--chart` cannot both be written: the same
    /// file twice (one would replace the other); nil when they differ.
    static func collision(output: String?, chart: String?) -> String? {
        guard let output, let chart else { return nil }
        func canonical(_ path: String) -> String {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
        }
        guard canonical(output) == canonical(chart) else { return nil }
        return "-o and --chart name the same file \(output): the chart would replace the report; give each its own name"
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
