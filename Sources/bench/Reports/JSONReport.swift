import Foundation

/// The whole `ExperimentResult` (every sample, the host profile), for tools.
enum JSONReport {
    /// Pretty and key-sorted, so two runs diff line by line.
    static func render(_ result: ExperimentResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    }
}
