import SteadyModel

/// Sums bucket increases per upper bound over the series of one scrape (a histogram usually has under 20 bounds,
/// so a linear scan beats hashing).
struct LatencyAccumulator {
    private var bounds: [Double] = []
    private var counts: [Double] = []
    private var lastIndex = 0

    mutating func add(upperBound: Double, increase: Double) {
        if lastIndex < bounds.count, bounds[lastIndex] == upperBound {
            counts[lastIndex] += increase
            return
        }
        if let index = bounds.firstIndex(of: upperBound) {
            counts[index] += increase
            lastIndex = index
        } else {
            lastIndex = bounds.count
            bounds.append(upperBound)
            counts.append(increase)
        }
    }

    /// The summed increases sorted by upper bound.
    func buckets() -> [LatencyBucket] {
        var result: [LatencyBucket] = []
        result.reserveCapacity(bounds.count)
        for index in bounds.indices {
            result.append(LatencyBucket(upperBound: bounds[index], count: counts[index]))
        }
        result.sort { $0.upperBound < $1.upperBound }
        return result
    }
}
