/// What one job returned. Equal results mean the models agree.
public enum JobResult: Sendable, Hashable, CustomStringConvertible {
    case primeCount(Int)
    case response(status: Int, bodyBytes: Int)
    /// A mixed job: the response's status, then the prime count.
    case mixed(status: Int, primes: Int)

    public var description: String {
        switch self {
        case .primeCount(let count): "\(count) primes"
        case .response(let status, let bytes): "HTTP \(status), \(bytes) B"
        case .mixed(let status, let primes): "HTTP \(status), \(primes) primes"
        }
    }
}
