import Foundation

/// An environment variable holds a value the gate does not accept.
public struct GateConfigurationError: Error, CustomStringConvertible, Sendable {
    public var variable: String
    public var value: String
    public var allowed: String

    public var description: String {
        "\(variable)=\"\(value)\" is not valid; allowed: \(allowed)"
    }
}

extension GateConfiguration {
    /// The defaults, changed by `PERF_RECORD` (never|missing|all), `PERF_BASE`
    /// (a commit to compare with), `PERF_REFERENCE_BENCH` (a reference `bench`
    /// built elsewhere), `PERF_RATCHET` (0|1) and `PERF_ALPHA` (a number in
    /// [1e-6, 0.5]). Unset or empty means the default.
    ///
    /// - Throws: ``GateConfigurationError`` naming the variable and what it
    ///   accepts; a typo must not silently turn recording or the ratchet off.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> GateConfiguration {
        var configuration = GateConfiguration.standard
        if let text = nonEmpty(environment["PERF_RECORD"]) {
            guard let mode = RecordMode(rawValue: text.lowercased()) else {
                throw GateConfigurationError(variable: "PERF_RECORD", value: text,
                                             allowed: RecordMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            configuration.record = mode
        }
        configuration.base = nonEmpty(environment["PERF_BASE"])
        configuration.referenceBench = nonEmpty(environment["PERF_REFERENCE_BENCH"])
        if let text = nonEmpty(environment["PERF_RATCHET"]) {
            switch text {
            case "1": configuration.ratchet = true
            case "0": configuration.ratchet = false
            default: throw GateConfigurationError(variable: "PERF_RATCHET", value: text, allowed: "0, 1")
            }
        }
        if let text = nonEmpty(environment["PERF_ALPHA"]) {
            // Below 1e-6 no test of 30 pairs can ever be significant: the gate would be off in silence.
            guard let alpha = Double(text), alpha >= 1e-6, alpha <= 0.5 else {
                throw GateConfigurationError(variable: "PERF_ALPHA", value: text, allowed: "a number in [1e-6, 0.5], e.g. 0.01")
            }
            configuration.alpha = alpha
        }
        return configuration
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}
