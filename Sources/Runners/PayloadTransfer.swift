#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workloads

/// The article's pitfall "process communication overhead", measured: K
/// `bench-worker` children each send a payload back over their stdout pipe,
/// as a multiprocessing result is pickled back; every byte is checked.
public enum PayloadTransfer {
    /// Starts `jobs` children that each send `bytes` bytes, reads them all and
    /// checks every byte; throws the first problem. No child outlives the call.
    public static func run(jobs: Int, bytes: Int, worker: WorkerExecutable = .default,
                           timeout: Duration = .seconds(120)) throws(JobFailure.Cause) {
        if let problem = worker.problem { throw .worker(problem) }
        let deadline = ContinuousClock.now + timeout
        var children: [ChildProcess] = []
        var spawnFailure: JobFailure.Cause?
        for seed in 0..<jobs {
            do {
                children.append(try ChildProcess.spawn(worker.path,
                                                       arguments: WorkerCommand.payload(bytes: bytes, seed: seed).arguments))
            } catch {
                spawnFailure = error
                break
            }
        }
        children.drainPipes(until: deadline, cancellation: CancellationFlag())
        var problem = spawnFailure
        for index in children.indices {
            let termination = children[index].reap(deadline: deadline)
            guard problem == nil else { continue }
            if children[index].killedAtDeadline {
                problem = .timedOut(timeout)
            } else if termination != .exited(0) {
                let message = String(decoding: children[index].errors, as: UTF8.self)
                problem = .worker("payload child \(index + 1) of \(jobs) ended with \(termination): \(message)")
            } else if let wrong = Payload.mismatch(children[index].output, count: bytes, seed: index) {
                problem = .worker("payload child \(index + 1) of \(jobs): \(wrong)")
            }
        }
        if let problem { throw problem }
    }
}
