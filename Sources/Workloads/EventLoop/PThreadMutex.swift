import Glibc

/// A lock around a value, built on `pthread_mutex_t`.
///
/// Same shape as `Synchronization.Mutex`, but ThreadSanitizer intercepts
/// pthread locks and so sees the ordering they create; the standard
/// library's futex-based `Mutex` is not instrumented, and TSan then reports
/// races between accesses that the lock does order.
///
/// `@unchecked Sendable` is safe: `value` is read and written only inside
/// `withLock`, between `pthread_mutex_lock` and `pthread_mutex_unlock` on a
/// mutex at a fixed heap address that lives as long as the object.
public final class PThreadMutex<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
