import Foundation

/// How every report writes numbers: the gate's tables and notes, and bench's reports.
public enum Format {
    /// `value` with exactly `digits` decimals; past 2^53, where a Double has no fraction left, as `1e+27`.
    ///
    /// Written out rather than `String(format:)`, whose first call costs ~1 M instructions (measured: every
    /// `shared.*` count, which prints a table, rose by 1.0 M, +2.8..+4.0 %, when it was used here).
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        // Int(_:) would trap near 2^63.
        guard abs(value) * scale < 9e15 else { return String(value) }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
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
/// than a line stays whole; text that fits is returned as it is (a table's aligned spaces kept).
public func wrapped(_ text: String, width: Int = 120) -> String {
    guard text.count > width else { return text }
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
