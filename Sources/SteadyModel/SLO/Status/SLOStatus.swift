/// An SLO's figures at one instant: the period's SLI and error budget, every window's burn rate, firing alerts and
/// the deploy gate. Field names follow Google's slo-generator where the meaning is the same (`sli_measurement`,
/// `error_budget_burn_rate`, `error_budget_remaining_minutes`…); see docs/slo.md for the differences.
public struct SLOStatus: Sendable, Equatable, Codable {
    /// ``SLOSpec/id`` (`service/name`).
    public var slo: String
    public var service: String
    public var name: String
    public var description: String?
    /// The objective as a fraction (0.999), slo-generator's `slo_target`.
    public var sloTarget: Double
    /// `rolling 30d`, `calendar month (Europe/Paris)`.
    public var period: String
    /// Start of the measured period (rolling: now − period; calendar: the boundary in the SLO's time zone).
    public var periodStart: WallInstant
    /// End of a calendar period (nil for rolling periods).
    public var periodEnd: WallInstant?
    public var evaluatedAt: WallInstant
    /// `occurrences`, `timeslices` or `ratio_timeslices`.
    public var budgetingMethod: String

    /// Events (occurrences) or slices (timeslices) counted in the period so far.
    public var goodEventsCount: Double
    public var badEventsCount: Double
    /// Good / (good + bad); nil when nothing was counted.
    public var sliMeasurement: Double?
    /// `sli_measurement − slo_target`.
    public var gap: Double?
    /// 1 − slo_target.
    public var errorBudgetTarget: Double
    /// The budget in the period's unit (events or slices): budget fraction × counted (occurrences) or × all
    /// slices of the period (timeslices).
    public var errorBudgetTotal: Double
    /// Budget left in the same unit (negative once overspent).
    public var errorBudgetRemaining: Double
    /// Share of the budget left: 1 untouched, 0 exhausted, negative overspent; nil when nothing was counted.
    public var errorBudgetRemainingRatio: Double?
    /// Share of the budget consumed since the period started.
    public var errorBudgetConsumedRatio: Double?
    /// The budget expressed as time: period length × (1 − slo_target).
    public var errorBudgetMinutes: Double
    /// The budget left expressed as time (`error_budget_minutes × remaining ratio`).
    public var errorBudgetRemainingMinutes: Double
    /// Period error ratio ÷ budget fraction.
    public var errorBudgetBurnRate: Double?
    /// Burn rate over the last hour.
    public var currentBurnRate: Double?
    /// At the current burn rate, seconds until the budget is gone (nil when not burning or already gone).
    public var timeToExhaustionSeconds: Double?

    /// Per-window figures, shortest window first (the alert windows, then the period).
    public var windows: [SLOWindowStatus]
    /// Firing alerts of this SLO.
    public var alerts: [SLOAlert]
    /// The deploy gate from the SLO's budget policy.
    public var gate: SLOGate
    /// Why the figures may be incomplete (a latency threshold that is not a bucket boundary, no data yet…).
    public var problems: [String]

    public init(
        slo: String, service: String, name: String, description: String? = nil, sloTarget: Double, period: String,
        periodStart: WallInstant, periodEnd: WallInstant? = nil, evaluatedAt: WallInstant, budgetingMethod: String,
        goodEventsCount: Double = 0, badEventsCount: Double = 0, sliMeasurement: Double? = nil, gap: Double? = nil,
        errorBudgetTarget: Double, errorBudgetTotal: Double = 0, errorBudgetRemaining: Double = 0,
        errorBudgetRemainingRatio: Double? = nil, errorBudgetConsumedRatio: Double? = nil,
        errorBudgetMinutes: Double = 0, errorBudgetRemainingMinutes: Double = 0, errorBudgetBurnRate: Double? = nil,
        currentBurnRate: Double? = nil, timeToExhaustionSeconds: Double? = nil, windows: [SLOWindowStatus] = [],
        alerts: [SLOAlert] = [], gate: SLOGate, problems: [String] = []
    ) {
        self.slo = slo
        self.service = service
        self.name = name
        self.description = description
        self.sloTarget = sloTarget
        self.period = period
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.evaluatedAt = evaluatedAt
        self.budgetingMethod = budgetingMethod
        self.goodEventsCount = goodEventsCount
        self.badEventsCount = badEventsCount
        self.sliMeasurement = sliMeasurement
        self.gap = gap
        self.errorBudgetTarget = errorBudgetTarget
        self.errorBudgetTotal = errorBudgetTotal
        self.errorBudgetRemaining = errorBudgetRemaining
        self.errorBudgetRemainingRatio = errorBudgetRemainingRatio
        self.errorBudgetConsumedRatio = errorBudgetConsumedRatio
        self.errorBudgetMinutes = errorBudgetMinutes
        self.errorBudgetRemainingMinutes = errorBudgetRemainingMinutes
        self.errorBudgetBurnRate = errorBudgetBurnRate
        self.currentBurnRate = currentBurnRate
        self.timeToExhaustionSeconds = timeToExhaustionSeconds
        self.windows = windows
        self.alerts = alerts
        self.gate = gate
        self.problems = problems
    }

    enum CodingKeys: String, CodingKey {
        case slo, service, name, description
        case sloTarget = "slo_target"
        case period
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case evaluatedAt = "evaluated_at"
        case budgetingMethod = "budgeting_method"
        case goodEventsCount = "good_events_count"
        case badEventsCount = "bad_events_count"
        case sliMeasurement = "sli_measurement"
        case gap
        case errorBudgetTarget = "error_budget_target"
        case errorBudgetTotal = "error_budget_total"
        case errorBudgetRemaining = "error_budget_remaining"
        case errorBudgetRemainingRatio = "error_budget_remaining_ratio"
        case errorBudgetConsumedRatio = "error_budget_consumed_ratio"
        case errorBudgetMinutes = "error_budget_minutes"
        case errorBudgetRemainingMinutes = "error_budget_remaining_minutes"
        case errorBudgetBurnRate = "error_budget_burn_rate"
        case currentBurnRate = "current_burn_rate"
        case timeToExhaustionSeconds = "time_to_exhaustion_seconds"
        case windows, alerts, gate, problems
    }
}

/// One window of an SLO (`5m` … `3d`, and the period), in slo-generator's vocabulary.
public struct SLOWindowStatus: Sendable, Equatable, Codable {
    /// `5m`, `1h`, `30d` (Prometheus duration).
    public var window: String
    public var windowSeconds: Double
    public var goodEventsCount: Double
    public var badEventsCount: Double
    /// Nil when the window saw no events.
    public var sliMeasurement: Double?
    /// 1 − sli_measurement.
    public var errorBudgetMeasurement: Double?
    /// error_budget_measurement ÷ error_budget_target.
    public var errorBudgetBurnRate: Double?
    /// The highest burn-rate threshold an alert uses on this window (nil when no alert uses it).
    public var alertingBurnRateThreshold: Double?

    public init(
        window: String, windowSeconds: Double, goodEventsCount: Double, badEventsCount: Double,
        sliMeasurement: Double?, errorBudgetMeasurement: Double?, errorBudgetBurnRate: Double?,
        alertingBurnRateThreshold: Double?
    ) {
        self.window = window
        self.windowSeconds = windowSeconds
        self.goodEventsCount = goodEventsCount
        self.badEventsCount = badEventsCount
        self.sliMeasurement = sliMeasurement
        self.errorBudgetMeasurement = errorBudgetMeasurement
        self.errorBudgetBurnRate = errorBudgetBurnRate
        self.alertingBurnRateThreshold = alertingBurnRateThreshold
    }

    enum CodingKeys: String, CodingKey {
        case window
        case windowSeconds = "window_seconds"
        case goodEventsCount = "good_events_count"
        case badEventsCount = "bad_events_count"
        case sliMeasurement = "sli_measurement"
        case errorBudgetMeasurement = "error_budget_measurement"
        case errorBudgetBurnRate = "error_budget_burn_rate"
        case alertingBurnRateThreshold = "alerting_burn_rate_threshold"
    }
}

/// The deploy gate of an SLO's budget policy.
public struct SLOGate: Sendable, Equatable, Codable {
    /// Whether deploys may proceed.
    public var allowed: Bool
    /// A sentence for humans and CI logs.
    public var reason: String
    /// The policy's threshold (share of budget), nil when the SLO has no policy.
    public var freezeBelow: Double?
    public var remainingRatio: Double?

    public init(allowed: Bool, reason: String, freezeBelow: Double?, remainingRatio: Double?) {
        self.allowed = allowed
        self.reason = reason
        self.freezeBelow = freezeBelow
        self.remainingRatio = remainingRatio
    }

    enum CodingKeys: String, CodingKey {
        case allowed, reason
        case freezeBelow = "freeze_below"
        case remainingRatio = "remaining_ratio"
    }
}
