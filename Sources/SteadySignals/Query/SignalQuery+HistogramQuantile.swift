public import SteadyModel

extension SignalQuery {
    /// The `q`-quantile of cumulative histogram buckets, with the semantics of PromQL's `histogram_quantile` over
    /// classic buckets (Prometheus 2.42, `promql/quantile.go`); returns nil where Prometheus returns NaN.
    ///
    /// ```swift
    /// let buckets = [LatencyBucket(upperBound: 0.1, count: 50), LatencyBucket(upperBound: .infinity, count: 100)]
    /// SignalQuery.histogramQuantile(0.25, buckets: buckets)  // 0.05
    /// ```
    ///
    /// - Buckets are sorted by upper bound; buckets with the same upper bound are added together.
    /// - Counts that decrease with a higher bound (inconsistent data, or sums of histograms with different bucket
    ///   layouts) are raised to the running maximum, as Prometheus does.
    /// - Linear interpolation within the bucket holding rank `q × total`. The lowest bucket's lower bound is 0
    ///   when its upper bound is positive; when it is ≤ 0 and holds the rank, its upper bound is returned.
    /// - A rank in the `+Inf` bucket returns the highest finite upper bound.
    /// - nil when `buckets` is empty, `q` is NaN, the highest bound is not `+Inf`, fewer than 2 distinct bounds
    ///   remain, there are no observations, or the interpolation is 0/0 (q = 0 with an empty lowest bucket).
    /// - `q < 0` returns `-infinity`, `q > 1` returns `+infinity`.
    public static func histogramQuantile(_ q: Double, buckets: [LatencyBucket]) -> Double? {
        guard !buckets.isEmpty, !q.isNaN else { return nil }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }

        var sorted = buckets.sorted { $0.upperBound < $1.upperBound }
        guard sorted[sorted.count - 1].upperBound == .infinity else { return nil }
        coalesce(&sorted)
        ensureMonotonic(&sorted)
        guard sorted.count >= 2 else { return nil }

        let observations = sorted[sorted.count - 1].count
        guard observations != 0 else { return nil }
        var rank = q * observations
        let index = firstIndex(in: sorted, below: sorted.count - 1) { $0.count >= rank }
        if index == sorted.count - 1 { return sorted[sorted.count - 2].upperBound }
        if index == 0, sorted[0].upperBound <= 0 { return sorted[0].upperBound }

        var lower = 0.0
        let upper = sorted[index].upperBound
        var count = sorted[index].count
        if index > 0 {
            lower = sorted[index - 1].upperBound
            count -= sorted[index - 1].count
            rank -= sorted[index - 1].count
        }
        let result = lower + (upper - lower) * (rank / count)
        return result.isNaN ? nil : result
    }

    /// Adds adjacent buckets with equal upper bounds (input sorted).
    private static func coalesce(_ buckets: inout [LatencyBucket]) {
        var write = 0
        for read in 1..<buckets.count {
            if buckets[read].upperBound == buckets[write].upperBound {
                buckets[write].count += buckets[read].count
            } else {
                write += 1
                buckets[write] = buckets[read]
            }
        }
        buckets.removeLast(buckets.count - write - 1)
    }

    /// Replaces every count lower than an earlier one by the running maximum.
    private static func ensureMonotonic(_ buckets: inout [LatencyBucket]) {
        var maximum = buckets[0].count
        for index in buckets.indices.dropFirst() {
            if buckets[index].count > maximum {
                maximum = buckets[index].count
            } else if buckets[index].count < maximum {
                buckets[index].count = maximum
            }
        }
    }

    /// Binary search for the smallest index in `0..<limit` satisfying `predicate` (assumed monotonic), or `limit`.
    private static func firstIndex(
        in buckets: [LatencyBucket],
        below limit: Int,
        where predicate: (LatencyBucket) -> Bool
    ) -> Int {
        var low = 0
        var high = limit
        while low < high {
            let middle = Int(UInt(low + high) >> 1)
            if predicate(buckets[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
