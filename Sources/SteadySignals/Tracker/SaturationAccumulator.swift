import SteadyModel

/// Combines the current values of the saturation series of one scrape into one reading.
struct SaturationAccumulator {
    let aggregation: GoldenSignalSpec.Aggregation
    private var total = 0.0
    private var maximum = -Double.infinity
    private var count = 0

    init(aggregation: GoldenSignalSpec.Aggregation) {
        self.aggregation = aggregation
    }

    /// Adds a gauge value; NaN and infinite values are ignored.
    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        total += value
        maximum = Swift.max(maximum, value)
        count += 1
    }

    /// The reading, or nil when no series matched.
    var reading: Double? {
        guard count > 0 else { return nil }
        switch aggregation {
        case .max: return maximum
        case .avg: return total / Double(count)
        case .sum: return total
        }
    }
}
