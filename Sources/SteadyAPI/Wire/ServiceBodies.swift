import SteadyModel

/// A service in `GET /api/v1/services`.
struct ServiceSummaryBody: Codable, Sendable {
    var name: String
    var description: String?
    var targets: TargetCountsBody
    /// Current golden signals; absent when nothing is known yet.
    var signals: SignalsBody?
    var slos: [SLOBriefBody]
}

/// `GET /api/v1/services`.
struct ServiceListBody: Codable, Sendable {
    var services: [ServiceSummaryBody]
}

struct SLOBriefBody: Codable, Sendable {
    var name: String
    /// Percent, e.g. 99.9.
    var objective: Double
}

/// `GET /api/v1/services/{name}`.
struct ServiceDetailBody: Codable, Sendable {
    var name: String
    var description: String?
    var signalSpec: SignalSpecBody
    var scrape: ScrapeBody?
    var targets: [TargetBody]
    var slos: [SLOBody]
    var signals: SignalsBody?
}

/// Where the golden signals come from, selectors in PromQL syntax.
struct SignalSpecBody: Codable, Sendable {
    var requests: String
    var errors: String
    var latency: String
    var saturation: String?
    var saturationAggregation: String

    init(_ spec: GoldenSignalSpec) {
        requests = spec.requests.description
        errors = spec.errors.description
        latency = spec.latency.description
        saturation = spec.saturation?.description
        saturationAggregation = spec.saturationAggregation.rawValue
    }
}

struct ScrapeBody: Codable, Sendable {
    var targets: [String]
    /// Prometheus durations, e.g. `15s`.
    var interval: String
    var timeout: String
    var metricsPath: String
    var scheme: String
    var labels: [String: String]

    init(_ scrape: ScrapeSpec) {
        targets = scrape.targets
        interval = PrometheusDuration.format(scrape.interval)
        timeout = PrometheusDuration.format(scrape.timeout)
        metricsPath = scrape.metricsPath
        scheme = scrape.scheme
        labels = scrape.labels.dictionary
    }
}

/// An SLO's configuration, summarised.
struct SLOBody: Codable, Sendable {
    struct SLI: Codable, Sendable {
        /// `ratio`, `latency`, `availability` or `raw`.
        var type: String
        var errors: String?
        var good: String?
        var total: String?
        var histogram: String?
        var thresholdSeconds: Double?
        var probe: String?
        var errorRatio: String?
    }

    var name: String
    var description: String?
    var objective: Double
    /// `rolling 30d` or `calendar month (Europe/Paris)`.
    var period: String
    /// `occurrences`, `timeslices` or `ratio_timeslices`.
    var budgeting: String
    var budgetFraction: Double
    var sli: SLI
    var pageEnabled: Bool
    var ticketEnabled: Bool
    var freezeDeploysBelow: Double?

    init(_ slo: SLOSpec) {
        name = slo.name
        description = slo.description
        objective = slo.objective
        period = slo.period.description
        switch slo.budgeting {
        case .occurrences: budgeting = "occurrences"
        case .timeslices: budgeting = "timeslices"
        case .ratioTimeslices: budgeting = "ratio_timeslices"
        }
        budgetFraction = slo.budgetFraction
        switch slo.sli {
        case .ratio(let errors, let good, let total):
            sli = SLI(type: "ratio", errors: errors?.description, good: good?.description, total: total.description)
        case .latency(let histogram, let threshold):
            sli = SLI(type: "latency", histogram: histogram.description, thresholdSeconds: threshold)
        case .availability(let probe):
            sli = SLI(type: "availability", probe: probe)
        case .raw(let expression):
            sli = SLI(type: "raw", errorRatio: expression)
        }
        pageEnabled = slo.alerting.pageEnabled
        ticketEnabled = slo.alerting.ticketEnabled
        freezeDeploysBelow = slo.freezeDeploysBelow
    }
}
