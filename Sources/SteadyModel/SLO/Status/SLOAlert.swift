/// An alert raised by the SLO engine (burn rate, budget exhausted, no data), in Alertmanager's shape so the alert
/// pipeline can take it as it is.
public struct SLOAlert: Sendable, Equatable, Codable {
    /// `SLOErrorBudgetBurn`, `SLOErrorBudgetExhausted` or `SLONoData`.
    public var name: String
    /// Includes `alertname`, `service`, `slo`, `severity` (and `tier` for burn-rate alerts).
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: WallInstant
    /// Set when resolved.
    public var endsAt: WallInstant?

    public init(
        name: String, labels: [String: String], annotations: [String: String], startsAt: WallInstant,
        endsAt: WallInstant? = nil
    ) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    /// A key that identifies the alert among an SLO's alerts (its name and tier).
    public var key: String { labels["tier"].map { "\(name)/\($0)" } ?? name }

    enum CodingKeys: String, CodingKey {
        case name, labels, annotations
        case startsAt = "starts_at"
        case endsAt = "ends_at"
    }

    public static let burnRateAlertName = "SLOErrorBudgetBurn"
    public static let exhaustedAlertName = "SLOErrorBudgetExhausted"
    public static let noDataAlertName = "SLONoData"
}
