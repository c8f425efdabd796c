import Foundation
import Glibc
import Testing

/// `-o` and `--chart` write regular files only (issue 20, item 3): a device, a
/// FIFO or a symbolic link at the path is refused with one line before any work
/// and left as it was; colliding outputs and a full stdout exit non-zero.
@Suite("bench special files")
struct BenchSpecialFileTests {
    /// A run that would take minutes if it started measuring.
    static let long = ["--workload", "cpu", "--limit", "50000000", "--quiet"]
    static let tiny = ["--workload", "cpu", "--limit", "2000", "--rounds", "1", "--quiet"]

    /// A short one, so a refusal naming a path in it fits on one 120-column line.
    func temporaryDirectory() throws -> String {
        var template = Array("/tmp/bsf-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        return String(cString: made)
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test("a FIFO, a symbolic link or a device at -o / --chart is refused and left alone", arguments: ["-o", "--chart"])
    func specialFilesRefused(flag: String) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let target = directory + "/target"
        try "keep me".write(toFile: target, atomically: false, encoding: .utf8)
        let link = directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target")
        var cases = [(fifo, S_IFIFO, "FIFO"), (link, S_IFLNK, "symbolic link")]
        let device = directory + "/dev"
        if geteuid() == 0, mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 {  // makedev(1, 7): /dev/full
            cases.append((device, S_IFCHR, "device"))
        }
        for (path, type, word) in cases {
            let run = try await BenchExecutable.run(Self.long + [flag, path], timeout: .seconds(60))
            #expect(run.status == 2, "\(path): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines.allSatisfy { $0.contains(word) && $0.count <= 120 }, "\(run.stderr)")
            #expect(fileType(path) == type, "\(path) was replaced")
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test("-o and --chart naming the same file are refused before any work")
    func collidingOutputs() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try await BenchExecutable.run(
            Self.long + ["-o", directory + "/same", "--chart", directory + "/./same"], timeout: .seconds(60))
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("-o and --chart name the same file"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/same"))
    }

    @Test("a report that stdout cannot take (ENOSPC on /dev/full) exits 1 and says it is lost")
    func fullStdout() async throws {
        let report = try await BenchExecutable.run(Self.tiny, stdoutPath: "/dev/full")
        #expect(report.status == 1)
        #expect(report.stderr.contains("No space left on device") && report.stderr.contains("lost"), "\(report.stderr)")
        let help = try await BenchExecutable.run(["--help"], stdoutPath: "/dev/full")
        #expect(help.status == 1)
        #expect(help.stderr.contains("cannot write to stdout"), "\(help.stderr)")
    }

    @Test("a job summary ($GITHUB_STEP_SUMMARY) that is a FIFO is refused before any work; a file gets the tables")
    func stepSummary() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        let refused = try await BenchExecutable.run(Self.long, environment: ["GITHUB_STEP_SUMMARY": fifo],
                                                    timeout: .seconds(60))
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("GITHUB_STEP_SUMMARY=\(fifo) is not a regular file"), "\(refused.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        let summary = directory + "/summary.md"
        try "earlier step\n".write(toFile: summary, atomically: false, encoding: .utf8)
        let written = try await BenchExecutable.run(Self.tiny, environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(written.status == 0, "\(written.stderr)")
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n") && text.contains("| serial"), "\(text)")
    }
}
