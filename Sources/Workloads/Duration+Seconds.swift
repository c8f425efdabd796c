extension Duration {
    /// The duration in seconds as a `Double`, at nanosecond precision
    /// (so `.milliseconds(300)` reads as exactly `0.3`).
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds / 1_000_000_000) / 1e9
    }
}
