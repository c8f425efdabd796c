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

/// `text` broken at spaces into lines of at most `width` columns, its leading
/// indentation kept and continuation lines indented four more. A word longer
/// than a line stays whole.
public func wrapped(_ text: String, width: Int = 120) -> String {
    let indent = String(text.prefix { $0 == " " })
    var lines: [String] = []
    var line = indent
    for word in text.dropFirst(indent.count).split(separator: " ") {
        if line.count > indent.count, line.count + 1 + word.count > width {
            lines.append(line)
            line = indent + "    " + word
        } else {
            line += (line.count > indent.count ? " " : "") + word
        }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
}
