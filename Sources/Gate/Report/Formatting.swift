import Foundation

/// How every report writes numbers: the gate's tables and notes, and bench's reports.
public enum Format {
    /// `value` with exactly `digits` decimals; past 1e15, where a Double has no fraction left, as `1e+27`.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        return String(format: "%.\(digits)f", value)
    }

    /// Milliseconds stay visible: 0.0035, 0.538, 10.09.
    public static func seconds(_ value: Double) -> String { fixed(value, digits: value < 0.1 ? 4 : value < 10 ? 3 : 2) }

    /// `1.934` -> `"1.93x"`.
    public static func ratio(_ value: Double) -> String { fixed(value, digits: 2) + "x" }

    /// `0.0523` -> `"5.23%"`.
    public static func percent(_ fraction: Double, digits: Int = 2) -> String { fixed(fraction * 100, digits: digits) + "%" }

    /// `0.0523` -> `"+5.23%"`.
    public static func signedPercent(_ fraction: Double, digits: Int = 2) -> String {
        (fraction >= 0 ? "+" : "") + percent(fraction, digits: digits)
    }

    /// 4 significant digits, for the gate's notes and tables: `0.02141`, `1.234e+06`.
    public static func short(_ value: Double) -> String { String(format: "%.4g", value) }
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
