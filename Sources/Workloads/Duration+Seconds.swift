extension Duration {
    /// The duration in seconds as a `Double`, at nanosecond precision
    /// (so `.milliseconds(300)` reads as exactly `0.3`).
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds / 1_000_000_000) / 1e9
    }
}

extension Double {
    /// Seconds as people read them: at most three decimals, no trailing
    /// zeros (`2.999998718` -> "3", `0.25` -> "0.25"). Every duration in an
    /// error message is printed this way.
    public var secondsText: String {
        let rounded = (self * 1000).rounded() / 1000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int(rounded)) : String(rounded)
    }
}
