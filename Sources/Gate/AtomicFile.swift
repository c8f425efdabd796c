import Foundation
import Glibc

/// A file written whole or not at all, and only ever a regular file: baselines and reports.
///
/// The bytes go to `.<name>.partial` beside the file, then a rename puts them in place, so a reader, a
/// crash or a kill sees the old file or the new one, never half of one. The partial file has one name
/// (not Foundation's `.atomic` random one): a writer killed mid-write leaves at most one file behind,
/// which the next write replaces. A rename replaces whatever is at the path, so anything but a regular
/// file there is refused: as root, `-o /dev/null` would otherwise leave a regular file where the device was.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// What is at `path` when it is something other than nothing or a regular file, with what to do; nil otherwise.
    public static func notARegularFile(_ path: String) -> String? {
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

    /// Replaces the regular file at `path` (or creates it) with `data`.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        if let problem = notARegularFile(path) { throw Failure(description: "\(path): \(problem)") }
        let url = URL(fileURLWithPath: path)
        let partial = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".partial").path
        // A stale partial file goes, whatever it is (only its name: a link's target is not touched), and the new
        // one is created exclusively, so no FIFO blocks the write and no link redirects it.
        unlink(partial)
        let fd = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create \(partial): \(errnoText())") }
        var problem: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { problem = "cannot write \(partial): \(errnoText())"; return }
                offset += written
            }
        }
        // On disk before the rename, so a power cut cannot leave the new name on an empty file.
        if problem == nil, fsync(fd) != 0 { problem = "cannot sync \(partial): \(errnoText())" }
        close(fd)
        if problem == nil, rename(partial, path) != 0 { problem = "cannot rename \(partial) over it: \(errnoText())" }
        if let problem {
            unlink(partial)
            throw Failure(description: problem)
        }
    }
}
