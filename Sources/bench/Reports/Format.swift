/// Number formatting shared by the reports.
enum Format {
    /// Milliseconds stay visible: 0.0035, 0.538, 10.09.
    static func seconds(_ value: Double) -> String { fixed(value, digits: value < 0.1 ? 4 : value < 10 ? 3 : 2) }
    static func ratio(_ value: Double) -> String { fixed(value, digits: 2) + "x" }
    static func percent(_ value: Double) -> String { fixed(value * 100, digits: 0) + "%" }
    static func signedPercent(_ value: Double) -> String { (value >= 0 ? "+" : "") + fixed(value * 100, digits: 1) + "%" }

    /// `value` with exactly `digits` decimals, without Foundation's formatters.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        // Past 2^53 a Double has no fraction to show, and Int(_:) would trap near 2^63: "1e+27".
        guard abs(value) * scale < 9e15 else { return String(value) }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
