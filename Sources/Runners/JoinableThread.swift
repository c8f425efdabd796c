#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workloads

/// A POSIX thread running one closure: the thinnest real thread there is.
struct JoinableThread {
    private let handle: pthread_t

    /// Starts `body` on a new thread. Fails only when the system is out of threads.
    init(name: String, _ body: @escaping @Sendable () -> Void) throws(JobFailure.Cause) {
        let context = Unmanaged.passRetained(ThreadBody(name: name, body: body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { raw in
            let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            let reason = String(cString: strerror(status))
            let advice = limitAdvice(status).map { ": " + $0 } ?? ""
            throw .worker("cannot start thread \(name): \(reason) (errno \(status))" + advice)
        }
        self.handle = handle
    }

    /// Waits for the thread to finish.
    func join() {
        pthread_join(handle, nil)
    }

    /// Lets the thread run on unjoined; its resources go when it ends.
    func detach() {
        pthread_detach(handle)
    }

    /// Starts a thread nobody joins.
    /// Falls back to running `body` inline if no thread can be started.
    static func detach(name: String, _ body: @escaping @Sendable () -> Void) {
        do {
            try JoinableThread(name: name, body).detach()
        } catch {
            body()
        }
    }
}

private final class ThreadBody: Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    func run() {
        body()
    }
}
