public import SteadyModel

/// What one scrape produced, handed to the ingest closure.
public struct ScrapeOutcome: Sendable {
    public var target: ScrapeTarget
    /// When the scrape started.
    public var time: WallInstant
    public var duration: Duration
    /// The parsed body, target labels applied; nil when the scrape failed.
    public var body: ScrapeBody?
    public var error: String?

    public init(target: ScrapeTarget, time: WallInstant, duration: Duration, body: ScrapeBody?, error: String?) {
        self.target = target
        self.time = time
        self.duration = duration
        self.body = body
        self.error = error
    }

    public var succeeded: Bool { body != nil }
}
