/// A service level objective as configured. The SLO engine evaluates it; SteadyConfig parses and validates it.
public struct SLOSpec: Sendable, Equatable, Identifiable {
    public var name: String
    public var description: String?
    /// Target in percent, e.g. `99.9`. Strictly between 0 and 100.
    public var objective: Double
    public var period: SLOPeriod
    public var budgeting: BudgetingMethod
    public var sli: SLISpec
    public var alerting: SLOAlerting
    /// Budget policy: deploys are frozen when the remaining budget falls below this fraction (0…1).
    public var freezeDeploysBelow: Double?
    public var labels: Labels
    /// The service this SLO belongs to (set by the parser).
    public var service: String

    public var id: String { "\(service)/\(name)" }
    /// The error budget as a fraction of events (1 − objective/100).
    public var budgetFraction: Double { 1 - objective / 100 }

    public init(
        name: String,
        service: String,
        description: String? = nil,
        objective: Double,
        period: SLOPeriod = .rolling(.seconds(30 * 86_400)),
        budgeting: BudgetingMethod = .occurrences,
        sli: SLISpec,
        alerting: SLOAlerting = .init(),
        freezeDeploysBelow: Double? = nil,
        labels: Labels = Labels()
    ) {
        self.name = name
        self.service = service
        self.description = description
        self.objective = objective
        self.period = period
        self.budgeting = budgeting
        self.sli = sli
        self.alerting = alerting
        self.freezeDeploysBelow = freezeDeploysBelow
        self.labels = labels
    }
}

/// Compliance period: rolling window, or calendar-aligned in an IANA time zone.
public enum SLOPeriod: Sendable, Equatable, CustomStringConvertible {
    case rolling(Duration)
    case calendar(CalendarUnit, timeZone: String)

    public enum CalendarUnit: String, Sendable, Equatable, CaseIterable { case week, month, quarter }

    /// The length burn-rate thresholds are derived from: the rolling duration, or a calendar unit's nominal
    /// length (week 7 days, month 30 days, quarter 90 days) so thresholds do not change from month to month.
    public var nominalLength: Duration {
        switch self {
        case .rolling(let duration): duration
        case .calendar(.week, _): .seconds(7 * 86_400)
        case .calendar(.month, _): .seconds(30 * 86_400)
        case .calendar(.quarter, _): .seconds(90 * 86_400)
        }
    }

    /// The longest a period can be (a calendar quarter has at most 92 days).
    public var maximumLength: Duration {
        switch self {
        case .rolling(let duration): duration
        case .calendar(.week, _): .seconds(7 * 86_400)
        case .calendar(.month, _): .seconds(31 * 86_400)
        case .calendar(.quarter, _): .seconds(92 * 86_400)
        }
    }

    public var description: String {
        switch self {
        case .rolling(let duration): "rolling \(PrometheusDuration.format(duration))"
        case .calendar(let unit, let zone): "calendar \(unit.rawValue) (\(zone))"
        }
    }
}

/// OpenSLO budgeting methods.
public enum BudgetingMethod: Sendable, Equatable {
    case occurrences
    /// A slice is good when its SLI meets `sliceTarget` (0…1).
    case timeslices(slice: Duration, sliceTarget: Double)
    case ratioTimeslices(slice: Duration)
}

/// Where good and total events come from.
public enum SLISpec: Sendable, Equatable {
    /// Counters: `errors`/`total` or `good`/`total` (exactly one of `errors` and `good`).
    case ratio(errors: SeriesSelector?, good: SeriesSelector?, total: SeriesSelector)
    /// Share of requests at or under `thresholdSeconds`, from a histogram family's `le` buckets.
    case latency(histogram: SeriesSelector, thresholdSeconds: Double)
    /// A probe's success ratio (probes arrive in a later issue).
    case availability(probe: String)
    /// A PromQL error-ratio expression, for the Prometheus metrics source.
    case raw(errorRatio: String)
}
