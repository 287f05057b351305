/// A service Steady watches: where to scrape it, how to read its golden signals, and its SLOs.
public struct ServiceSpec: Sendable, Equatable, Identifiable {
    public var name: String
    public var description: String?
    public var scrape: ScrapeSpec?
    public var signals: GoldenSignalSpec
    public var slos: [SLOSpec]

    public var id: String { name }

    public init(
        name: String,
        description: String? = nil,
        scrape: ScrapeSpec? = nil,
        signals: GoldenSignalSpec = .init(),
        slos: [SLOSpec] = []
    ) {
        self.name = name
        self.description = description
        self.scrape = scrape
        self.signals = signals
        self.slos = slos
    }
}

/// Scrape targets of a service.
public struct ScrapeSpec: Sendable, Equatable {
    /// `host:port` or full URLs. A bare `host:port` is scraped at `scheme://host:port/metricsPath`.
    public var targets: [String]
    public var interval: Duration
    public var timeout: Duration
    public var metricsPath: String
    public var scheme: String
    /// Labels added to every scraped series (like Prometheus `static_configs.labels`).
    public var labels: Labels

    public init(
        targets: [String],
        interval: Duration = .seconds(15),
        timeout: Duration = .seconds(10),
        metricsPath: String = "/metrics",
        scheme: String = "http",
        labels: Labels = Labels()
    ) {
        self.targets = targets
        self.interval = interval
        self.timeout = timeout
        self.metricsPath = metricsPath
        self.scheme = scheme
        self.labels = labels
    }

    /// The URL scraped for `target`.
    public func url(for target: String) -> String {
        if target.hasPrefix("http://") || target.hasPrefix("https://") { return target }
        return "\(scheme)://\(target)\(metricsPath)"
    }
}

/// Where a service's golden signals come from. Defaults follow the standard names
/// (`http_requests_total{code}` and `http_request_duration_seconds`).
public struct GoldenSignalSpec: Sendable, Equatable {
    /// Counter of all requests (traffic).
    public var requests: SeriesSelector
    /// Counter of failed requests (errors). Defaults to `requests` with `code=~"5.."`.
    public var errors: SeriesSelector
    /// Histogram family (without `_bucket`) of request latency in seconds.
    public var latency: SeriesSelector
    /// Gauge whose value (0…1 or any unit) is the saturation; optional.
    public var saturation: SeriesSelector?
    /// How several saturation series combine.
    public var saturationAggregation: Aggregation

    public enum Aggregation: String, Sendable, Equatable, CaseIterable { case max, avg, sum }

    public init(
        requests: SeriesSelector = SeriesSelector(metricName: "http_requests_total"),
        errors: SeriesSelector? = nil,
        latency: SeriesSelector = SeriesSelector(metricName: "http_request_duration_seconds"),
        saturation: SeriesSelector? = nil,
        saturationAggregation: Aggregation = .max
    ) {
        self.requests = requests
        self.errors =
            errors
            ?? SeriesSelector(
                metricName: requests.metricName,
                matchers: requests.matchers + [try! LabelMatcher(name: "code", op: .regexMatch, value: "5..")]
            )
        self.latency = latency
        self.saturation = saturation
        self.saturationAggregation = saturationAggregation
    }
}
