import SteadyModel

/// Builds scrape bodies the way a client library exposes them.
struct ScrapeBuilder {
    private(set) var samples: [Sample] = []

    mutating func counter(_ name: String, _ labels: [String: String] = [:], _ value: Double) {
        samples.append(Sample(name: name, labels: Labels(labels), value: value))
    }

    mutating func gauge(_ name: String, _ labels: [String: String] = [:], _ value: Double) {
        samples.append(Sample(name: name, labels: Labels(labels), value: value))
    }

    /// A classic histogram: `buckets` are cumulative counts by upper bound (`+Inf` last, added when missing).
    mutating func histogram(
        _ family: String,
        _ labels: [String: String] = [:],
        buckets: [(upperBound: Double, count: Double)],
        sum: Double
    ) {
        var all = buckets
        if all.last?.upperBound != .infinity { all.append((.infinity, all.last?.count ?? 0)) }
        for bucket in all {
            var bucketLabels = labels
            bucketLabels["le"] = Self.formatBound(bucket.upperBound)
            samples.append(Sample(name: family + "_bucket", labels: Labels(bucketLabels), value: bucket.count))
        }
        samples.append(Sample(name: family + "_sum", labels: Labels(labels), value: sum))
        samples.append(Sample(name: family + "_count", labels: Labels(labels), value: all.last!.count))
    }

    var body: ScrapeBody { ScrapeBody(samples: samples) }

    static func formatBound(_ bound: Double) -> String {
        bound == .infinity ? "+Inf" : "\(bound)"
    }
}

/// Minute-aligned instants for tests.
enum TestTime {
    /// 2023-11-14T22:14:00Z, the start of a minute.
    static let base = WallInstant(secondsSinceEpoch: 1_700_000_040)

    static func at(seconds: Double) -> WallInstant {
        base.advanced(by: .nanoseconds(Int64((seconds * 1e9).rounded())))
    }
}
