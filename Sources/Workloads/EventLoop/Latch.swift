import Glibc

/// A gate that opens once and stays open: `wait()` blocks until `open()`.
///
/// `@unchecked Sendable` is safe: the only state is a POSIX semaphore, which is
/// made for use from many threads, behind a pointer that never changes.
final class Latch: @unchecked Sendable {
    private let semaphore: UnsafeMutablePointer<sem_t>

    init() {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, 0)
    }

    deinit {
        sem_destroy(semaphore)
        semaphore.deallocate()
    }

    /// Opens the latch: every current and future `wait()` returns.
    func open() {
        sem_post(semaphore)
    }

    /// Blocks the calling thread until `open()` was called.
    func wait() {
        while sem_wait(semaphore) != 0 && errno == EINTR {}
        // Pass the token on so the next waiter (and every later one) gets through too.
        sem_post(semaphore)
    }
}
