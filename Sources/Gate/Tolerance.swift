/// How large a change must be to count at all.
///
/// A change counts only when it is beyond *both* limits: the relative one keeps
/// large values honest, the absolute one keeps tiny values (a few microseconds)
/// from tripping on timer granularity.
public struct Tolerance: Codable, Sendable, Hashable {
    /// A fraction of the baseline median: 0.05 = 5 %.
    public var relative: Double
    /// In the metric's unit: 0.0005 = 0.5 ms for a time.
    public var absolute: Double

    public init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }
}
