import SteadyModel

/// One scrape target's health.
struct TargetBody: Codable, Sendable {
    var service: String
    var url: String
    /// `up`, `down` or `unknown`.
    var health: String
    var lastScrape: String?
    var lastScrapeDurationSeconds: Double?
    var lastError: String?
    var samplesScraped: Int
    var intervalSeconds: Double
    var consecutiveFailures: Int

    init(_ target: TargetHealth) {
        service = target.service
        url = target.url
        health = target.health.rawValue
        lastScrape = target.lastScrape.map(Timestamp.format)
        lastScrapeDurationSeconds = finite(target.lastScrapeDurationSeconds)
        lastError = target.lastError
        samplesScraped = target.samplesScraped
        intervalSeconds = finite(target.intervalSeconds) ?? 0
        consecutiveFailures = target.consecutiveFailures
    }
}

/// `GET /api/v1/targets`.
struct TargetListBody: Codable, Sendable {
    var targets: [TargetBody]
}

/// Up/down/unknown counts of a service's targets.
struct TargetCountsBody: Codable, Sendable, Equatable {
    var up: Int
    var down: Int
    var unknown: Int
    var total: Int

    init(_ targets: [TargetHealth]) {
        up = targets.count { $0.health == .up }
        down = targets.count { $0.health == .down }
        unknown = targets.count { $0.health == .unknown }
        total = targets.count
    }
}
