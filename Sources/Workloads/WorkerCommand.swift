/// What the parent asks `bench-worker` to do, as a command line, and the one
/// line the worker answers on stdout. Both sides use this type, so the format
/// cannot drift apart.
///
///     bench-worker primes 1000000        ->  primes 78498
///     bench-worker get http://127.0.0.1:8080/delay/0.2 30  ->  response 200 312
public enum WorkerCommand: Sendable, Hashable {
    /// Run one prime-counting job.
    case primes(PrimeJob)
    /// GET one URL, within `timeout`.
    case get(HTTPURL, timeout: Duration)

    /// The worker's arguments (without the executable).
    public var arguments: [String] {
        switch self {
        case .primes(let job): ["primes", String(job.limit)]
        case .get(let url, let timeout): ["get", url.description, String(timeout.seconds)]
        }
    }

    /// Parses the worker's arguments; the error says what was expected.
    public init(arguments: [String]) throws(WorkerCommandError) {
        switch (arguments.first, arguments.count) {
        case ("primes", 2):
            guard let limit = Int(arguments[1]), limit >= 0 else { throw WorkerCommandError(arguments: arguments) }
            self = .primes(PrimeJob(limit: limit))
        case ("get", 3):
            guard let seconds = Double(arguments[2]), seconds > 0, seconds.isFinite
            else { throw WorkerCommandError(arguments: arguments) }
            do {
                self = .get(try HTTPURL(arguments[1]), timeout: .milliseconds(Int64(seconds * 1000)))
            } catch {
                throw WorkerCommandError(arguments: arguments)
            }
        default:
            throw WorkerCommandError(arguments: arguments)
        }
    }

    /// The answer line for a result: `primes 78498` or `response 200 312`.
    public static func answer(for result: JobResult) -> String {
        switch result {
        case .primeCount(let count): "primes \(count)"
        case .response(let status, let bytes): "response \(status) \(bytes)"
        }
    }

    /// Parses the worker's whole stdout; nil unless it is exactly one answer line.
    public static func result(from output: String) -> JobResult? {
        guard output.hasSuffix("\n") else { return nil }
        let words = output.dropLast().split(separator: " ", omittingEmptySubsequences: false)
        switch (words.first, words.count) {
        case ("primes", 2):
            return Int(words[1]).flatMap { $0 >= 0 ? .primeCount($0) : nil }
        case ("response", 3):
            guard let status = Int(words[1]), let bytes = Int(words[2]) else { return nil }
            return .response(status: status, bodyBytes: bytes)
        default:
            return nil
        }
    }
}

/// Arguments `bench-worker` does not understand.
public struct WorkerCommandError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var description: String {
        "bench-worker: cannot run \(arguments): expected `primes <limit>` or `get <url> <timeoutSeconds>`"
    }
}
