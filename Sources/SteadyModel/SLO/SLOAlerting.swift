/// How an SLO alerts: multi-window, multi-burn-rate tiers (SRE Workbook), a low-traffic guard, a no-data alert and
/// a budget-exhausted alert.
///
/// ```swift
/// var alerting = SLOAlerting()            // page 1h/5m ×14.4 and 6h/30m ×6, ticket 1d/2h ×3 and 3d/6h ×1 (30 days)
/// alerting.ticket = nil                   // pages only
/// alerting.minimumEvents = 100            // windows with fewer events never alert
/// ```
public struct SLOAlerting: Sendable, Equatable {
    /// Fast-burn tier; nil disables it.
    public var page: BurnRateTier?
    /// Slow-burn tier; nil disables it.
    public var ticket: BurnRateTier?
    /// Low-traffic guard: a window pair alerts only when its long window saw at least this many events.
    public var minimumEvents: Int
    /// Raise a no-data alert when no events arrived for this long (nil disables it).
    public var noDataAfter: Duration?
    /// Raise an alert while the period's budget is exhausted.
    public var budgetExhausted: Bool
    /// Extra labels on every alert of this SLO (routing, ownership).
    public var labels: Labels

    public init(
        page: BurnRateTier? = .page,
        ticket: BurnRateTier? = .ticket,
        minimumEvents: Int = 0,
        noDataAfter: Duration? = .seconds(30 * 60),
        budgetExhausted: Bool = true,
        labels: Labels = Labels()
    ) {
        self.page = page
        self.ticket = ticket
        self.minimumEvents = minimumEvents
        self.noDataAfter = noDataAfter
        self.budgetExhausted = budgetExhausted
        self.labels = labels
    }

    /// Compatibility initialiser: the default tiers switched on or off.
    public init(pageEnabled: Bool, ticketEnabled: Bool, minimumEvents: Int = 0) {
        self.init(page: pageEnabled ? .page : nil, ticket: ticketEnabled ? .ticket : nil, minimumEvents: minimumEvents)
    }

    public var pageEnabled: Bool { page != nil }
    public var ticketEnabled: Bool { ticket != nil }

    /// The enabled tiers, page first.
    public var tiers: [BurnRateTier] { [page, ticket].compactMap { $0 } }
}

/// A severity level of burn-rate alerting: one or more window pairs, any of which fires the tier's alert.
public struct BurnRateTier: Sendable, Equatable {
    /// `page` or `ticket`; becomes the alert's `tier` label.
    public var name: String
    /// The alert's `severity` label (`critical` for pages, `warning` for tickets by default).
    public var severity: String
    public var windows: [BurnRateWindow]

    public init(name: String, severity: String, windows: [BurnRateWindow]) {
        self.name = name
        self.severity = severity
        self.windows = windows
    }

    /// SRE Workbook fast burn: 2 % of the budget in 1 h (5 m short window), 5 % in 6 h (30 m).
    public static let page = BurnRateTier(
        name: "page", severity: "critical",
        windows: [
            BurnRateWindow(long: .seconds(3600), short: .seconds(300), budgetConsumed: 0.02),
            BurnRateWindow(long: .seconds(6 * 3600), short: .seconds(1800), budgetConsumed: 0.05),
        ])

    /// SRE Workbook slow burn: 10 % of the budget in 1 d (2 h short window), 10 % in 3 d (6 h).
    public static let ticket = BurnRateTier(
        name: "ticket", severity: "warning",
        windows: [
            BurnRateWindow(long: .seconds(86_400), short: .seconds(7200), budgetConsumed: 0.10),
            BurnRateWindow(long: .seconds(3 * 86_400), short: .seconds(6 * 3600), budgetConsumed: 0.10),
        ])
}

/// A long/short window pair. It fires when both windows burn faster than
/// `threshold = budgetConsumed × period / long`: for a 30-day period, 2 % in 1 h is a burn rate of 14.4.
public struct BurnRateWindow: Sendable, Equatable, Hashable {
    public var long: Duration
    public var short: Duration
    /// Share of the whole period's error budget spent during `long` at the threshold (0…1).
    public var budgetConsumed: Double

    public init(long: Duration, short: Duration, budgetConsumed: Double) {
        self.long = long
        self.short = short
        self.budgetConsumed = budgetConsumed
    }

    /// The burn-rate threshold for a period of `periodLength`.
    public func threshold(periodLength: Duration) -> Double {
        budgetConsumed * periodLength.seconds / long.seconds
    }

    /// The error-ratio threshold: burn-rate threshold × error budget fraction (1 − objective).
    public func errorRatioThreshold(periodLength: Duration, budgetFraction: Double) -> Double {
        threshold(periodLength: periodLength) * budgetFraction
    }
}
