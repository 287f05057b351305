import SteadyModel

/// Running sums of the rollups of one interval.
struct SignalTotals {
    var requests = 0.0
    var errors = 0.0
    var buckets: [LatencyBucket] = []
    var latencySum = 0.0
    var latencyCount = 0.0
    var saturationSum = 0.0
    var saturationMax: Double?
    var saturationReadings = 0

    mutating func add(_ rollup: SignalRollup) {
        requests += rollup.requests
        errors += rollup.errors
        addBuckets(rollup.latencyBuckets)
        latencySum += rollup.latencySum
        latencyCount += rollup.latencyCount
        saturationSum += rollup.saturationSum
        saturationReadings += rollup.saturationReadings
        if let other = rollup.saturationMax {
            saturationMax = saturationMax.map { Swift.max($0, other) } ?? other
        }
    }

    /// Adds bucket increases by upper bound; in place when the bounds are the same (the usual case).
    private mutating func addBuckets(_ other: [LatencyBucket]) {
        guard !other.isEmpty else { return }
        if buckets.count == other.count,
            zip(buckets, other).allSatisfy({ $0.upperBound == $1.upperBound })
        {
            for index in buckets.indices { buckets[index].count += other[index].count }
        } else {
            buckets = LatencyBucket.merged(buckets, other)
        }
    }

    func signals(start: WallInstant, end: WallInstant) -> GoldenSignals {
        let seconds = start.duration(to: end).seconds
        return GoldenSignals(
            start: start,
            end: end,
            requestRate: seconds > 0 ? requests / seconds : 0,
            requests: requests,
            errors: errors,
            errorRatio: requests == 0 ? nil : errors / requests,
            latencyP50: SignalQuery.histogramQuantile(SignalQuery.quantiles.p50, buckets: buckets),
            latencyP95: SignalQuery.histogramQuantile(SignalQuery.quantiles.p95, buckets: buckets),
            latencyP99: SignalQuery.histogramQuantile(SignalQuery.quantiles.p99, buckets: buckets),
            latencyMean: latencyCount == 0 ? nil : latencySum / latencyCount,
            saturation: saturationReadings == 0 ? nil : saturationSum / Double(saturationReadings),
            saturationMax: saturationMax
        )
    }
}
