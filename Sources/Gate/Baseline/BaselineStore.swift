import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes baseline files: strict reads, atomic writes.
enum BaselineStore {
    /// The file at `path`, or `nil` if there is none.
    ///
    /// - Throws: ``BaselineError`` if it exists but cannot be read or is not a valid baseline.
    static func read(_ path: String) throws(BaselineError) -> BaselineFile? {
        guard let bytes = try readBytes(path) else { return nil }
        return try BaselineFile.decode(bytes, file: path)
    }

    /// The bytes at `path`, `nil` if it does not exist.
    static func readBytes(_ path: String) throws(BaselineError) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw BaselineError(.unreadable, file: path, problem: "cannot open: \(errnoText())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw BaselineError(.unreadable, file: path, problem: "cannot stat: \(errnoText())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw BaselineError(.unreadable, file: path, problem: "not a regular file (a directory?)")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw BaselineError(.unreadable, file: path, problem: "cannot read: \(errnoText())")
            }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    /// Replaces `path` atomically: write a temporary file in the same directory,
    /// fsync it, rename it over the target, fsync the directory. A crash or an
    /// error at any point leaves the old file or the new one, never half of one.
    static func write(_ file: BaselineFile, to path: String) throws(BaselineError) {
        let bytes = file.encoded()
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func fail(_ what: String) -> BaselineError {
            BaselineError(.unwritable, file: path, problem: "\(what): \(errnoText())")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw fail("cannot create a temporary file in \(directory)") }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        let written = writeAll(fd, bytes)
        let synced = written && fsync(fd) == 0
        close(fd)
        guard written else { throw fail("cannot write the temporary file") }
        guard synced else { throw fail("cannot fsync the temporary file") }
        guard rename(temporary, path) == 0 else { throw fail("cannot replace the file") }
        renamed = true
        // Make the rename itself durable; failing here loses nothing already written.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }
}
