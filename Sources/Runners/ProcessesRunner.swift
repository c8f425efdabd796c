#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workloads

/// `processes`: one `bench-worker` child process per job, all started at once;
/// each prints its one-line result on a pipe. The multiprocessing analog.
public struct ProcessesRunner: ThreadedModelRunner {
    public var model: ConcurrencyModel { .processes }
    public init() {}

    public func runBlocking(_ job: Job, count: Int, context: RunContext) -> [JobOutcome] {
        let slots = OutcomeSlots(count: count, model: model, job: job)
        if let problem = context.worker.problem {
            (0..<count).forEach { slots.fail($0, .worker(problem)) }
            return slots.outcomes
        }
        let deadline = ContinuousClock.now + context.timeout
        let arguments = job.workerCommand(timeout: context.timeout).arguments
        var children: [ChildProcess] = []
        var jobOfChild: [Int] = []
        for index in 0..<count {
            do {
                children.append(try ChildProcess.spawn(context.worker.path, arguments: arguments))
                jobOfChild.append(index)
            } catch {
                slots.fail(index, error)
            }
        }
        children.drainPipes(until: deadline, cancellation: context.cancellation)
        for child in children.indices {
            let termination = children[child].reap(deadline: deadline)
            let process = children[child]
            slots.run(jobOfChild[child]) { () throws(JobFailure.Cause) in
                try Self.result(of: process, termination: termination, timeout: context.timeout,
                                cancelled: context.cancellation.isCancelled)
            }
        }
        return slots.outcomes
    }

    /// The child's answer, or why there is none.
    private static func result(
        of child: ChildProcess, termination: ChildProcess.Termination, timeout: Duration, cancelled: Bool
    ) throws(JobFailure.Cause) -> JobResult {
        let stderr = String(decoding: child.errors, as: UTF8.self)
            .split(separator: "\n").last.map { ": \($0)" } ?? ""
        if child.killedAtDeadline {
            throw cancelled ? .cancelled : .timedOut(timeout)
        }
        switch termination {
        case .signalled(let signal):
            throw .worker("worker pid \(child.pid) was killed by signal \(signal) (\(String(cString: strsignal(signal))))\(stderr)")
        case .exited(let status) where status != 0:
            throw .worker("worker pid \(child.pid) exited with status \(status)\(stderr)")
        case .exited:
            let output = String(decoding: child.output, as: UTF8.self)
            guard let result = WorkerCommand.result(from: output) else {
                let shown = output.count > 80 ? String(output.prefix(80)) + "..." : output
                throw .worker("worker pid \(child.pid) answered \(shown.debugDescription), "
                    + "expected one line like \"primes 78498\" or \"response 200 312\"")
            }
            return result
        }
    }
}

extension Job {
    /// The worker command that runs this job once in a child.
    func workerCommand(timeout: Duration) -> WorkerCommand {
        switch self {
        case .primes(let job): .primes(job)
        case .delayRequest(let job): .get(job.url, timeout: min(job.timeout, timeout))
        case .mixed(let job): .mixed(job.request.url, timeout: min(job.request.timeout, timeout), job.primes)
        }
    }
}
