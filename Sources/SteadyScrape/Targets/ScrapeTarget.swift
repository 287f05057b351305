public import SteadyModel

/// One endpoint to scrape, owned by a service.
public struct ScrapeTarget: Hashable, Sendable {
    public var service: String
    public var url: String
    public var interval: Duration
    public var timeout: Duration
    /// Labels added to every scraped series.
    public var labels: Labels

    public init(service: String, url: String, interval: Duration, timeout: Duration, labels: Labels = Labels()) {
        self.service = service
        self.url = url
        self.interval = interval
        self.timeout = timeout
        self.labels = labels
    }

    /// Identity of the target (service + URL); interval or label changes keep the identity.
    public var key: String { "\(service)|\(url)" }

    /// All targets a configuration asks for.
    public static func targets(for services: [ServiceSpec]) -> [ScrapeTarget] {
        services.flatMap { service -> [ScrapeTarget] in
            guard let scrape = service.scrape else { return [] }
            return scrape.targets.map {
                ScrapeTarget(
                    service: service.name,
                    url: scrape.url(for: $0),
                    interval: scrape.interval,
                    timeout: min(scrape.timeout, scrape.interval),
                    labels: scrape.labels
                )
            }
        }
    }

    /// A stable offset in `[0, interval)` derived from the URL, so targets spread over the interval (as
    /// Prometheus does) and keep the same phase across restarts.
    public var phaseOffset: Duration {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let intervalNanos = UInt64(max(interval.nanoseconds, 1))
        return .nanoseconds(Int64(hash % intervalNanos))
    }
}
