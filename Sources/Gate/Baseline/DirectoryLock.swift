import Foundation

/// An exclusive `flock` on the baselines directory itself, held for a whole
/// read-modify-write, so two rebaselines (threads or processes) cannot lose
/// each other's entries.
///
/// The directory is locked rather than a `.lock` file so nothing extra ever
/// appears in the repository. `flock` belongs to the open file description,
/// so two threads of one process, each opening the directory, exclude each other too.
enum DirectoryLock {
    /// Runs `body` holding the lock; `onWait` hears why nothing moves while another recording holds it.
    static func withLock<T>(
        _ directory: String, onWait: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
        _ body: () throws -> T
    ) throws -> T {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else {
            throw BaselineError(.unwritable, file: directory, problem: "cannot open the directory to lock it: \(errnoText())")
        }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0, errno == EWOULDBLOCK {
            // Another recording holds it for as long as it measures a benchmark: say why nothing moves.
            onWait("gate: waiting for the lock on \(directory): another recording is writing there "
                + "(a second `make rebaseline`?)\n")
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw BaselineError(.unwritable, file: directory, problem: "cannot lock the directory: \(errnoText())")
            }
        }
        // Closing the descriptor (deferred above) releases the lock, even on throw.
        return try body()
    }
}

/// The text of the current `errno`, e.g. "Permission denied".
func errnoText() -> String {
    String(cString: strerror(errno))
}
