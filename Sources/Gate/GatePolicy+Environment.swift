import Foundation

/// An environment variable holds a value the gate does not accept.
public struct GatePolicyError: Error, CustomStringConvertible, Sendable {
    public var variable: String
    public var value: String
    public var allowed: String

    public var description: String {
        "\(variable)=\"\(value)\" is not valid; allowed: \(allowed)"
    }
}

extension GatePolicy {
    /// The policy from `PERF_RECORD` (never|missing|all), `PERF_RATCHET` (0|1)
    /// and `PERF_ALPHA` (a number in (0, 0.5]). Unset or empty means the default.
    ///
    /// - Throws: ``GatePolicyError`` naming the variable and what it accepts;
    ///   a typo must not silently turn recording or the ratchet off.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GatePolicy {
        var policy = GatePolicy()
        if let text = nonEmpty(environment["PERF_RECORD"]) {
            guard let mode = RecordMode(rawValue: text.lowercased()) else {
                throw GatePolicyError(variable: "PERF_RECORD", value: text,
                                      allowed: RecordMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            policy.record = mode
        }
        if let text = nonEmpty(environment["PERF_RATCHET"]) {
            switch text {
            case "1": policy.ratchet = true
            case "0": policy.ratchet = false
            default: throw GatePolicyError(variable: "PERF_RATCHET", value: text, allowed: "0, 1")
            }
        }
        if let text = nonEmpty(environment["PERF_ALPHA"]) {
            guard let alpha = Double(text), alpha > 0, alpha <= 0.5 else {
                throw GatePolicyError(variable: "PERF_ALPHA", value: text, allowed: "a number in (0, 0.5], e.g. 0.01")
            }
            policy.alpha = alpha
        }
        return policy
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
