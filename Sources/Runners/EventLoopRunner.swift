import Glibc
import Workloads

/// `eventLoop`: every job is a task on ONE thread that also runs the epoll
/// loop, as asyncio does. CPU jobs therefore run one after another; I/O jobs
/// overlap while they wait.
public struct EventLoopRunner: ModelRunner {
    public var model: ConcurrencyModel { .eventLoop }
    public init() {}

    /// One loop for the whole process, like an asyncio program's: it lives as
    /// long as the process, so its keep-alive connections serve later runs.
    static let loop = EventLoop(name: "kit-asyncio")

    public func run(_ job: Job, count: Int, context: RunContext) async -> [JobOutcome] {
        let control = JobControl(context)
        let loop = Self.loop
        return await gather(count: count, model: model, job: job, control: control, on: loop) { _ throws(JobFailure.Cause) in
            // A loop that could not start takes no tasks: they would run on the global pool, unlike the model.
            if let failure = loop.startFailure { throw .worker(EventLoopRunner.unavailable(failure)) }
            return try await job.run(control: control, loop: { loop })
        }
    }

    /// Why the model cannot run: the loop's thread or fds could not be created.
    static func unavailable(_ code: Int32) -> String {
        "the event loop could not start: \(String(cString: strerror(code))) (errno \(code))"
            + (limitAdvice(code).map { ": " + $0 } ?? "")
    }

    public func closeIdleConnections() {
        EventLoopRunner.loop.closeIdleConnections()
    }
}
