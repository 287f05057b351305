extension SignalRollup {
    /// Adds `other` (same service and minute) into this rollup: counts add, buckets add by upper bound,
    /// saturation sums and reading counts add, maxima take the larger.
    public mutating func merge(_ other: SignalRollup) {
        requests += other.requests
        errors += other.errors
        latencyBuckets = LatencyBucket.merged(latencyBuckets, other.latencyBuckets)
        latencySum += other.latencySum
        latencyCount += other.latencyCount
        saturationSum += other.saturationSum
        saturationReadings += other.saturationReadings
        switch (saturationMax, other.saturationMax) {
        case (let a?, let b?): saturationMax = Swift.max(a, b)
        case (nil, let b): saturationMax = b
        default: break
        }
        scrapes += other.scrapes
    }
}

extension LatencyBucket {
    /// Adds two bucket lists by upper bound; the result is sorted by upper bound.
    public static func merged(_ lhs: [LatencyBucket], _ rhs: [LatencyBucket]) -> [LatencyBucket] {
        if rhs.isEmpty { return lhs }
        if lhs.isEmpty { return rhs }
        var result: [LatencyBucket] = []
        result.reserveCapacity(Swift.max(lhs.count, rhs.count))
        var i = 0
        var j = 0
        while i < lhs.count || j < rhs.count {
            if j >= rhs.count || (i < lhs.count && lhs[i].upperBound < rhs[j].upperBound) {
                result.append(lhs[i])
                i += 1
            } else if i >= lhs.count || rhs[j].upperBound < lhs[i].upperBound {
                result.append(rhs[j])
                j += 1
            } else {
                result.append(LatencyBucket(upperBound: lhs[i].upperBound, count: lhs[i].count + rhs[j].count))
                i += 1
                j += 1
            }
        }
        return result
    }
}
