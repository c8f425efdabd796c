// The child process of the `processes` model: runs one job, prints one line.
//
// Kept free of Foundation and linked with a static standard library, so its
// start-up (what the model pays per job) is a couple of milliseconds.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workloads

/// Writes `text` to stderr and exits with `status`.
func fail(_ text: String, status: Int32) -> Never {
    let line = text + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(status)
}

exitWhenParentDies()
let arguments = Array(CommandLine.arguments.dropFirst())

do {
    switch try WorkerCommand(arguments: arguments) {
    case .primes(let job):
        print(WorkerCommand.answer(for: .primeCount(job.run())))
    case .get(let url, let timeout):
        let response = try BlockingHTTPClient.get(url, timeout: timeout)
        print(WorkerCommand.answer(for: .response(status: response.status, bodyBytes: response.body.count)))
    case .payload(let bytes, let seed):
        if !Payload.write(count: bytes, seed: seed, to: 1) { fail("bench-worker: cannot write the payload: \(errno)", status: 1) }
    case .mixed(let url, let timeout, let job):
        let response = try BlockingHTTPClient.get(url, timeout: timeout)
        print(WorkerCommand.answer(for: .mixed(status: response.status, primes: job.run())))
    }
} catch {
    fail("\(error)", status: 2)
}
