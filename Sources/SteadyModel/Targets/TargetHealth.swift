/// The scrape health of one target, as shown by `/api/v1/targets`.
public struct TargetHealth: Sendable, Equatable, Codable {
    public enum Health: String, Sendable, Codable { case up, down, unknown }

    public var service: String
    public var url: String
    public var health: Health
    public var lastScrape: WallInstant?
    public var lastScrapeDurationSeconds: Double?
    public var lastError: String?
    public var samplesScraped: Int
    public var intervalSeconds: Double
    public var consecutiveFailures: Int

    public init(
        service: String,
        url: String,
        health: Health = .unknown,
        lastScrape: WallInstant? = nil,
        lastScrapeDurationSeconds: Double? = nil,
        lastError: String? = nil,
        samplesScraped: Int = 0,
        intervalSeconds: Double,
        consecutiveFailures: Int = 0
    ) {
        self.service = service
        self.url = url
        self.health = health
        self.lastScrape = lastScrape
        self.lastScrapeDurationSeconds = lastScrapeDurationSeconds
        self.lastError = lastError
        self.samplesScraped = samplesScraped
        self.intervalSeconds = intervalSeconds
        self.consecutiveFailures = consecutiveFailures
    }
}
