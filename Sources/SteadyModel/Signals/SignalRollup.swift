/// One minute of a service's golden signals, stored as mergeable increases so any range and step can be answered
/// exactly (quantiles are computed from summed bucket increases, never averaged).
public struct SignalRollup: Sendable, Equatable, Codable {
    public var service: String
    /// Start of the minute.
    public var minute: WallInstant
    /// Increase of the request counter during the minute.
    public var requests: Double
    /// Increase of the error counter during the minute.
    public var errors: Double
    /// Increase of each cumulative latency bucket during the minute, sorted by `le` (last is `+Inf`).
    public var latencyBuckets: [LatencyBucket]
    /// Increase of the latency histogram's `_sum` (seconds) and `_count`.
    public var latencySum: Double
    public var latencyCount: Double
    /// Sum, maximum and count of saturation readings taken during the minute.
    public var saturationSum: Double
    public var saturationMax: Double?
    public var saturationReadings: Int
    /// Scrapes that contributed.
    public var scrapes: Int

    public init(
        service: String,
        minute: WallInstant,
        requests: Double = 0,
        errors: Double = 0,
        latencyBuckets: [LatencyBucket] = [],
        latencySum: Double = 0,
        latencyCount: Double = 0,
        saturationSum: Double = 0,
        saturationMax: Double? = nil,
        saturationReadings: Int = 0,
        scrapes: Int = 0
    ) {
        self.service = service
        self.minute = minute
        self.requests = requests
        self.errors = errors
        self.latencyBuckets = latencyBuckets
        self.latencySum = latencySum
        self.latencyCount = latencyCount
        self.saturationSum = saturationSum
        self.saturationMax = saturationMax
        self.saturationReadings = saturationReadings
        self.scrapes = scrapes
    }
}

/// A cumulative histogram bucket: observations ≤ `upperBound` (`.infinity` for `+Inf`).
public struct LatencyBucket: Sendable, Equatable, Codable {
    public var upperBound: Double
    public var count: Double

    public init(upperBound: Double, count: Double) {
        self.upperBound = upperBound
        self.count = count
    }

    enum CodingKeys: String, CodingKey { case le, count }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let le = try container.decode(String.self, forKey: .le)
        upperBound = le == "+Inf" ? .infinity : (Double(le) ?? .nan)
        count = try container.decode(Double.self, forKey: .count)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(upperBound.isInfinite ? "+Inf" : String(upperBound), forKey: .le)
        try container.encode(count, forKey: .count)
    }
}

/// Golden signals over one interval (a step of a chart, or "now").
public struct GoldenSignals: Sendable, Equatable, Codable {
    public var start: WallInstant
    public var end: WallInstant
    /// Requests per second.
    public var requestRate: Double
    /// Total requests and errors in the interval.
    public var requests: Double
    public var errors: Double
    /// errors / requests, nil without traffic.
    public var errorRatio: Double?
    /// Latency quantiles in seconds, nil without observations.
    public var latencyP50: Double?
    public var latencyP95: Double?
    public var latencyP99: Double?
    /// Mean latency (sum/count) in seconds.
    public var latencyMean: Double?
    /// Average and maximum saturation readings.
    public var saturation: Double?
    public var saturationMax: Double?

    public init(
        start: WallInstant,
        end: WallInstant,
        requestRate: Double,
        requests: Double,
        errors: Double,
        errorRatio: Double?,
        latencyP50: Double?,
        latencyP95: Double?,
        latencyP99: Double?,
        latencyMean: Double?,
        saturation: Double?,
        saturationMax: Double?
    ) {
        self.start = start
        self.end = end
        self.requestRate = requestRate
        self.requests = requests
        self.errors = errors
        self.errorRatio = errorRatio
        self.latencyP50 = latencyP50
        self.latencyP95 = latencyP95
        self.latencyP99 = latencyP99
        self.latencyMean = latencyMean
        self.saturation = saturation
        self.saturationMax = saturationMax
    }
}
