import Workloads

/// Whether a run's outcomes are all the expected result.
public enum ResultCheck: Sendable, Hashable, CustomStringConvertible {
    /// Every job returned the expected result.
    case ok(JobResult)
    /// Some jobs failed or disagreed; the message names the first.
    case failed(String)

    /// Checks `outcomes` against `expected` (or, for I/O, against a 200 with a body).
    public init(_ outcomes: [JobOutcome], expected: JobResult?) {
        for outcome in outcomes {
            switch outcome {
            case .failure(let failure):
                self = .failed(failure.description)
                return
            case .success(let result):
                if let expected, result != expected {
                    self = .failed("got \(result), expected \(expected)")
                    return
                }
                if case .response(let status, let bytes) = result, status != 200 || bytes == 0 {
                    self = .failed("got \(result), expected HTTP 200 with a body")
                    return
                }
            }
        }
        guard case .success(let first)? = outcomes.first else {
            self = .failed("no jobs ran")
            return
        }
        self = .ok(expected ?? first)
    }

    public var isOK: Bool {
        if case .ok = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .ok(let result): "ok (\(result))"
        case .failed(let reason): "FAILED: \(reason)"
        }
    }
}
