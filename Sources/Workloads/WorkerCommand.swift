/// What the parent asks `bench-worker` to do, as a command line, and the one
/// line the worker answers on stdout. Both sides use this type, so the format
/// cannot drift apart.
///
///     bench-worker primes 1000000        ->  primes 78498
///     bench-worker get http://127.0.0.1:8080/delay/0.2 30  ->  response 200 312
///     bench-worker mixed http://127.0.0.1:8080/delay/0.1 30 800000  ->  mixed 200 63951
public enum WorkerCommand: Sendable, Hashable {
    /// Run one prime-counting job.
    case primes(PrimeJob)
    /// GET one URL, within `timeout`.
    case get(HTTPURL, timeout: Duration)
    /// GET one URL within `timeout`, then count the primes below a limit.
    case mixed(HTTPURL, timeout: Duration, PrimeJob)
    /// Write `bytes` bytes of ``Payload`` with `seed` to stdout, and nothing else.
    case payload(bytes: Int, seed: Int)

    /// The worker's arguments (without the executable).
    public var arguments: [String] {
        switch self {
        case .primes(let job): ["primes", String(job.limit)]
        case .get(let url, let timeout): ["get", url.description, String(timeout.seconds)]
        case .mixed(let url, let timeout, let job): ["mixed", url.description, String(timeout.seconds), String(job.limit)]
        case .payload(let bytes, let seed): ["payload", String(bytes), String(seed)]
        }
    }

    /// Parses the worker's arguments; the error says what was expected.
    public init(arguments: [String]) throws(WorkerCommandError) {
        switch (arguments.first, arguments.count) {
        case ("primes", 2):
            guard let limit = Int(arguments[1]), limit >= 0 else { throw WorkerCommandError(arguments: arguments) }
            self = .primes(PrimeJob(limit: limit))
        case ("payload", 3):
            guard let bytes = Int(arguments[1]), bytes >= 0, let seed = Int(arguments[2])
            else { throw WorkerCommandError(arguments: arguments) }
            self = .payload(bytes: bytes, seed: seed)
        case ("get", 3), ("mixed", 4):
            guard let seconds = Double(arguments[2]), seconds > 0, seconds.isFinite
            else { throw WorkerCommandError(arguments: arguments) }
            let url: HTTPURL
            do { url = try HTTPURL(arguments[1]) } catch { throw WorkerCommandError(arguments: arguments) }
            let timeout = Duration.milliseconds(Int64(seconds * 1000))
            guard arguments.count == 4 else {
                self = .get(url, timeout: timeout)
                return
            }
            guard let limit = Int(arguments[3]), limit >= 0 else { throw WorkerCommandError(arguments: arguments) }
            self = .mixed(url, timeout: timeout, PrimeJob(limit: limit))
        default:
            throw WorkerCommandError(arguments: arguments)
        }
    }

    /// The answer line for a result: `primes 78498` or `response 200 312`.
    public static func answer(for result: JobResult) -> String {
        switch result {
        case .primeCount(let count): "primes \(count)"
        case .response(let status, let bytes): "response \(status) \(bytes)"
        case .mixed(let status, let primes): "mixed \(status) \(primes)"
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
        case ("mixed", 3):
            guard let status = Int(words[1]), let primes = Int(words[2]), primes >= 0 else { return nil }
            return .mixed(status: status, primes: primes)
        default:
            return nil
        }
    }
}

/// Arguments `bench-worker` does not understand.
public struct WorkerCommandError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var description: String {
        "bench-worker: cannot run \(arguments): expected `primes <limit>`, `get <url> <timeoutSeconds>` or "
            + "`mixed <url> <timeoutSeconds> <limit>` or `payload <bytes> <seed>`"
    }
}
