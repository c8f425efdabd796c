import Foundation

/// Writing a baseline file for review: keys sorted, one line of summary per
/// metric with its limit next to its tolerance, then its samples on one line.
/// A rebaseline of one benchmark changes a few lines per metric.
extension BaselineFile {
    func encoded() -> [UInt8] {
        var out = "{\n  \"format\": \(Self.currentFormat),\n  \"configuration\": \(quoted(configuration)),\n  \"benchmarks\": {\n"
        out += benchmarks.sorted { $0.key < $1.key }.map { name, benchmark in
            var lines = ["    \(quoted(name)): {"]
            lines.append("      \"parameters\": \(inline(benchmark.parameters.mapValues(quoted))),")
            let r = benchmark.recorded
            lines.append("      \"recorded\": {\"commit\": \(quoted(r.commit)), \"date\": \(quoted(r.date)), "
                + "\"cpu\": \(quoted(r.cpu)), \"cores\": \(r.cores), \"swift\": \(quoted(r.swift)), "
                + "\"calibration\": \(number(r.calibration))},")
            lines.append("      \"context\": \(inline(benchmark.context.mapValues(number))),")
            lines.append("      \"metrics\": {")
            lines.append(benchmark.metrics.sorted { $0.key < $1.key }.map { name, metric in
                "        \(quoted(name)): {\n"
                    + "          \"centre\": \(number(metric.centre(Metric.named(name) ?? .wallPerCal))), "
                    + "\"tolerance\": \(number(metric.tolerance)), "
                    + "\"limit\": \(number(metric.limit)), \"noise\": \(number(metric.noise)),\n"
                    + "          \"samples\": [\(metric.samples.map(number).joined(separator: ", "))]\n"
                    + "        }"
            }.joined(separator: ",\n"))
            lines.append("      }")
            lines.append("    }")
            return lines.joined(separator: "\n")
        }.joined(separator: ",\n")
        out += "\n  }\n}\n"
        return Array(out.utf8)
    }

    private func inline(_ members: [String: String]) -> String {
        "{" + members.sorted { $0.key < $1.key }.map { "\(quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }

    private func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Six significant digits: enough for any tolerance, short in a diff.
    private func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.6g", value)
    }
}
