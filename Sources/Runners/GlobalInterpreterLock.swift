#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Workloads

/// A CPython-style global interpreter lock (the "new GIL" of CPython 3.2+).
///
/// A thread must hold it to run. A thread that has waited a whole switch
/// interval (5 ms by default, `sys.getswitchinterval()`) asks the holder to
/// drop it; the holder checks for that request between slices of work, hands
/// the lock over and waits until another thread really took it (forced
/// switching), then queues up again. Waiting on I/O releases it.
///
/// `@unchecked Sendable` is safe: `locked`, `switchNumber` and `waiters` are
/// read and written only with `mutex` held; the pthread objects live at fixed
/// heap addresses that never change until `deinit`; `dropRequested` is atomic.
final class GlobalInterpreterLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let released = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let switched = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let switchInterval: Duration
    private let dropRequested = Atomic<Bool>(false)
    private var locked = false
    private var switchNumber = 0
    private var waiters = 0

    init(switchInterval: Duration = .milliseconds(5)) {
        self.switchInterval = switchInterval
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(released, &attributes)
        pthread_cond_init(switched, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(switched)
        pthread_cond_destroy(released)
        pthread_mutex_destroy(mutex)
        switched.deallocate()
        released.deallocate()
        mutex.deallocate()
    }

    /// Blocks until this thread holds the lock.
    func acquire() {
        pthread_mutex_lock(mutex)
        waiters += 1
        while locked {
            let seen = switchNumber
            let timedOut = wait(released, for: switchInterval)
            if timedOut, locked, switchNumber == seen {
                dropRequested.store(true, ordering: .relaxed)
            }
        }
        waiters -= 1
        locked = true
        switchNumber += 1
        dropRequested.store(false, ordering: .relaxed)
        pthread_cond_broadcast(switched)
        pthread_mutex_unlock(mutex)
    }

    /// Gives the lock up (before blocking I/O, or when the thread ends).
    func release() {
        pthread_mutex_lock(mutex)
        locked = false
        pthread_cond_signal(released)
        pthread_mutex_unlock(mutex)
    }

    /// Called by the holder between slices of work: if another thread asked
    /// for the lock, hand it over, wait until it was taken, then queue again.
    func yieldIfRequested() {
        guard dropRequested.load(ordering: .relaxed) else { return }
        pthread_mutex_lock(mutex)
        locked = false
        pthread_cond_signal(released)
        let handedOver = switchNumber
        while switchNumber == handedOver, waiters > 0 {
            pthread_cond_wait(switched, mutex)
        }
        pthread_mutex_unlock(mutex)
        acquire()
    }

    /// Waits on `condition` for at most `interval`; true when it timed out.
    private func wait(_ condition: UnsafeMutablePointer<pthread_cond_t>, for interval: Duration) -> Bool {
        let end = MonotonicClock.deadline(after: interval)
        var deadline = timespec(tv_sec: Int(end / 1_000_000_000), tv_nsec: Int(end % 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT
    }
}
