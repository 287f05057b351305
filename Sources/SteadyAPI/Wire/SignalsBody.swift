import SteadyModel

/// Golden signals over one interval, as JSON. Absent fields mean "unknown" (no traffic, no observations).
struct SignalsBody: Codable, Sendable, Equatable {
    var start: String
    var end: String
    /// Requests per second.
    var requestRate: Double
    var requests: Double
    var errors: Double
    var errorRatio: Double?
    /// Latency quantiles and mean in seconds.
    var latencyP50: Double?
    var latencyP95: Double?
    var latencyP99: Double?
    var latencyMean: Double?
    var saturation: Double?
    var saturationMax: Double?

    init(_ signals: GoldenSignals) {
        start = Timestamp.format(signals.start)
        end = Timestamp.format(signals.end)
        requestRate = finite(signals.requestRate) ?? 0
        requests = finite(signals.requests) ?? 0
        errors = finite(signals.errors) ?? 0
        errorRatio = finite(signals.errorRatio)
        latencyP50 = finite(signals.latencyP50)
        latencyP95 = finite(signals.latencyP95)
        latencyP99 = finite(signals.latencyP99)
        latencyMean = finite(signals.latencyMean)
        saturation = finite(signals.saturation)
        saturationMax = finite(signals.saturationMax)
    }
}

/// JSON cannot carry NaN or infinities: they become absent.
func finite(_ value: Double?) -> Double? {
    guard let value, value.isFinite else { return nil }
    return value
}

/// `GET /api/v1/services/{name}/signals`.
struct SignalSeriesBody: Codable, Sendable {
    var service: String
    var from: String
    var to: String
    /// Prometheus duration, e.g. `1m`.
    var step: String
    var points: [SignalsBody]
}
