#if canImport(Glibc)
import Glibc
#endif

/// Maps seconds to a bar length: linear from zero, or logarithmic when the
/// times span more than 20x (the I/O job: 0.1 s against 10 s), so the fast
/// bars stay visible.
struct ChartScale {
    var low: Double
    var high: Double
    var logarithmic: Bool
    /// Pixels for `high`.
    var length: Double

    init(values: [Double], length: Double) {
        let positive = values.filter { $0 > 0 }
        let smallest = positive.min() ?? 1
        let largest = positive.max() ?? 1
        self.length = length
        logarithmic = largest / smallest > 20
        if logarithmic {
            low = pow(10, floor(log10(smallest)))
            high = pow(10, ceil(log10(largest)))
        } else {
            low = 0
            // Round up to a whole tick step, not to the next 1-2-5 value: 0.58 s ends at 0.6, not 1.
            let step = Self.niceCeiling(largest / 5)
            high = (largest * 1.05 / step).rounded(.up) * step
        }
    }

    /// Pixels from the axis for `value`, clamped to the axis.
    func position(_ value: Double) -> Double {
        guard logarithmic else { return min(max(value / high, 0), 1) * length }
        let clamped = min(max(value, low), high)
        return log10(clamped / low) / log10(high / low) * length
    }

    /// Tick values: decades (and 2x, 5x when few) on a log axis, 4-6 round steps on a linear one.
    var ticks: [Double] {
        if logarithmic {
            var ticks: [Double] = []
            var decade = low
            let decades = log10(high / low)
            while decade <= high * 1.0001 {
                ticks.append(decade)
                if decades <= 2 { ticks += [2 * decade, 5 * decade].filter { $0 < high } }
                decade *= 10
            }
            return ticks.sorted()
        }
        let step = Self.niceCeiling(high / 6)
        return stride(from: 0, through: high * 1.0001, by: step).map { $0 }
    }

    /// The smallest 1, 2 or 5 x 10^n at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= value * 0.9999 {
            return factor * magnitude
        }
        return 10 * magnitude
    }
}
