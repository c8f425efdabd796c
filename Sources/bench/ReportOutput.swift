import Foundation
import Gate

/// Where reports go: stdout, a file replaced whole (``AtomicFile``), and the
/// GitHub Actions job summary.
enum ReportOutput {
    /// A report that did not reach its destination.
    struct WriteFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `text` to `path` whole, so a reader (or an interrupted run)
    /// never sees half a report; nil path is stdout,
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
        do throws(AtomicFile.Failure) { try AtomicFile.write(Data(text.utf8), to: path) } catch {
            throw WriteFailure(description: error.description)
        }
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
        if let problem = AtomicFile.notARegularFile(path) { return problem }
        let probe = directory.appendingPathComponent(".bench-probe-\(getpid())")
        guard FileManager.default.createFile(atPath: probe.path, contents: nil) else {
            return "cannot create files in \(directory.path) (permissions, or a read-only file system); choose another path"
        }
        try? FileManager.default.removeItem(at: probe)
        return nil
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

    /// `$GITHUB_STEP_SUMMARY`, when set.
    static var stepSummary: String? {
        ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why the job summary cannot take the tables, checked before any work (appending to a FIFO would block
    /// for good, to a device would lose them); nil when it is unset, a regular file, or not there yet.
    static func stepSummaryProblem() -> String? {
        guard let path = stepSummary else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG else { return nil }
        return "GITHUB_STEP_SUMMARY=\(path) is not a regular file; unset it or name a file"
    }

    /// Appends `markdown` to `$GITHUB_STEP_SUMMARY` when it is set, so a CI
    /// run shows the tables on its summary page whatever `--format` was chosen.
    static func appendToStepSummary(_ markdown: String) throws {
        guard let path = stepSummary else { return }
        if let problem = stepSummaryProblem() { throw WriteFailure(description: problem) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure(description: "\(path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: Data(("\n" + markdown).utf8)) } catch {
            throw WriteFailure(description: "\(path): \(error.localizedDescription)")
        }
    }
}
