import Foundation

/// Significant digits kept in baseline files: far below timing noise, and
/// short numbers keep a rebaseline's diff readable.
let baselineSignificantDigits = 6

/// `x` rounded to ``baselineSignificantDigits`` significant digits.
///
/// Goes through `%g` text so the result is the double nearest that decimal,
/// which JSONEncoder then prints back as exactly those digits.
func roundedForBaseline(_ x: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    return Double(String(format: "%.*g", baselineSignificantDigits, x)) ?? x
}
