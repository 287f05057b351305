public import SteadyModel

/// The configuration `steady demo` runs with: Steady on loopback watching the in-process checkout service,
/// anonymous read on (it is a local demo), SLOs pre-configured.
public enum DemoConfiguration {
    /// Histogram buckets of the demo service's `http_request_duration_seconds` (the backfill uses the same).
    public static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public static let serviceName = "checkout"

    public static func make(
        steadyPort: Int,
        servicePort: Int,
        dataDirectory: String,
        scrapeInterval: Duration,
        adminToken: String,
        pagerURL: String? = nil,
        prometheusToken: String? = nil
    ) throws -> SteadyConfiguration {
        let job = serviceName
        let requests = try SeriesSelector(parsing: "http_requests_total{job=\"\(job)\"}")
        let errors = try SeriesSelector(parsing: "http_requests_total{job=\"\(job)\",code=~\"5..\"}")
        let latency = try SeriesSelector(parsing: "http_request_duration_seconds{job=\"\(job)\"}")
        let saturation = try SeriesSelector(parsing: "checkout_saturation_ratio{job=\"\(job)\"}")
        let service = ServiceSpec(
            name: serviceName,
            description: "Demo checkout API (in-process), driven by a traffic generator",
            scrape: ScrapeSpec(
                targets: ["127.0.0.1:\(servicePort)"],
                interval: scrapeInterval,
                timeout: min(scrapeInterval, .seconds(5))
            ),
            signals: GoldenSignalSpec(
                requests: requests, errors: errors, latency: latency, saturation: saturation,
                saturationAggregation: .max),
            slos: [
                SLOSpec(
                    name: "availability", service: serviceName,
                    description: "Checkout API requests that do not fail with a 5xx",
                    objective: 99.9, period: .rolling(.seconds(30 * 86_400)),
                    sli: .ratio(errors: errors, good: nil, total: requests),
                    freezeDeploysBelow: 0.1),
                SLOSpec(
                    name: "latency", service: serviceName,
                    description: "Checkout API requests served within 250 ms",
                    objective: 99, period: .calendar(.month, timeZone: "UTC"),
                    sli: .latency(histogram: latency, thresholdSeconds: 0.25)),
            ]
        )
        var tokens = [ConfiguredToken(name: "demo-admin", role: .admin, secret: adminToken)]
        if let prometheusToken {
            tokens.append(ConfiguredToken(name: "demo-prometheus", role: .responder, secret: prometheusToken))
        }
        var configuration = SteadyConfiguration(
            server: ServerSettings(listenHost: "127.0.0.1", listenPort: steadyPort),
            storage: StorageSettings(engine: .sqlite(path: dataDirectory + "/steady.db")),
            auth: AuthSettings(anonymousRead: true, tokens: tokens),
            logging: LoggingSettings(level: "info", format: .text),
            signals: SignalSettings(scrapeInterval: scrapeInterval, scrapeTimeout: min(scrapeInterval, .seconds(5))),
            services: [service]
        )
        if let pagerURL {
            // Every alert (Prometheus's, Steady's own SLO burn alerts) pages the demo pager.
            configuration.alerting = AlertingConfiguration(
                route: AlertRoute(
                    receiver: "demo-pager", groupBy: ["alertname", "service"], groupWait: .seconds(1),
                    groupInterval: .seconds(30), repeatInterval: .seconds(4 * 3600)),
                receivers: [ReceiverConfig(name: "demo-pager", webhookConfigs: [WebhookConfig(url: Secret(pagerURL))])])
        }
        return configuration
    }
}
