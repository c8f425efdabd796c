import Foundation

/// `0.0523` -> `"5.23%"`.
func percent(_ fraction: Double) -> String {
    String(format: "%.2f%%", fraction * 100)
}

/// `0.0523` -> `"+5.23%"`.
func signedPercent(_ fraction: Double) -> String {
    String(format: "%+.2f%%", fraction * 100)
}

/// Short form of a number for notes and tables: 4 significant digits.
func format(_ value: Double) -> String {
    String(format: "%.4g", value)
}

/// A value with its unit, e.g. `"0.02141 s"`, `"1.93x"`.
func format(_ value: Double, unit: String) -> String {
    unit == "x" ? format(value) + "x" : format(value) + " " + unit
}

/// `text` broken at spaces into lines of at most `width` columns; lines after
/// the first start with `indent`. A word longer than a line stays whole.
func wrapped(_ text: String, width: Int = 120, indent: String = "    ") -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        let prefix = lines.isEmpty ? "" : indent
        if !line.isEmpty, prefix.count + line.count + 1 + word.count > width {
            lines.append(prefix + line)
            line = String(word)
        } else {
            line += (line.isEmpty ? "" : " ") + word
        }
    }
    lines.append((lines.isEmpty ? "" : indent) + line)
    return lines.joined(separator: "\n")
}
