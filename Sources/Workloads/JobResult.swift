/// What one job returned. Equal results mean the models agree.
public enum JobResult: Sendable, Hashable, CustomStringConvertible {
    case primeCount(Int)
    case response(status: Int, bodyBytes: Int)

    public var description: String {
        switch self {
        case .primeCount(let count): "\(count) primes"
        case .response(let status, let bytes): "HTTP \(status), \(bytes) B"
        }
    }
}
