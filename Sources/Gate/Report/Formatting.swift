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
