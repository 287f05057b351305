/// One flush of an aggregation group to one receiver: what every integration (webhook, Slack, PagerDuty, email)
/// renders. Stored in the outbox as JSON, without any receiver secret; rendering happens at delivery time.
public struct AlertNotification: Sendable, Equatable, Codable {
    public var receiver: String
    /// Alertmanager's group key, e.g. `{}/{service="checkout"}:{alertname="HighLatency"}`.
    public var groupKey: String
    public var groupLabels: Labels
    /// Firing and resolved alerts of the group at flush time (firing first, then by labels).
    public var alerts: [Alert]
    /// The flush time: an alert is resolved in this notification when `alert.isResolved(at: flushedAt)`.
    public var flushedAt: WallInstant
    /// Steady's URL, for links.
    public var externalURL: String
    /// Alerts left out because the integration's `max_alerts` was exceeded (filled in when rendering).
    public var truncatedAlerts: Int

    public init(
        receiver: String, groupKey: String, groupLabels: Labels, alerts: [Alert], flushedAt: WallInstant,
        externalURL: String, truncatedAlerts: Int = 0
    ) {
        self.receiver = receiver
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.alerts = alerts
        self.flushedAt = flushedAt
        self.externalURL = externalURL
        self.truncatedAlerts = truncatedAlerts
    }

    public var firing: [Alert] { alerts.filter { !$0.isResolved(at: flushedAt) } }
    public var resolved: [Alert] { alerts.filter { $0.isResolved(at: flushedAt) } }
    /// `firing` when any alert fires, `resolved` otherwise (Alertmanager's `Status`).
    public var status: String { firing.isEmpty ? "resolved" : "firing" }

    /// Labels every alert shares with the same value (Alertmanager's `CommonLabels`).
    public var commonLabels: Labels { Self.common(alerts.map(\.labels)) }
    public var commonAnnotations: Labels { Self.common(alerts.map(\.annotations)) }

    static func common(_ sets: [Labels]) -> Labels {
        guard var shared = sets.first?.dictionary else { return Labels() }
        for set in sets.dropFirst() {
            shared = shared.filter { set[$0.key] == $0.value }
        }
        return Labels(shared)
    }
}

extension AlertNotification {
    private enum CodingKeys: String, CodingKey {
        case receiver, groupKey, groupLabels, alerts, flushedAt, externalURL, truncatedAlerts
    }

    /// `flushedAt` is stored as nanoseconds since the epoch (alerts resolve relative to it, to the nanosecond).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            receiver: try container.decode(String.self, forKey: .receiver),
            groupKey: try container.decode(String.self, forKey: .groupKey),
            groupLabels: try container.decode(Labels.self, forKey: .groupLabels),
            alerts: try container.decode([Alert].self, forKey: .alerts),
            flushedAt: WallInstant(nanosecondsSinceEpoch: try container.decode(Int64.self, forKey: .flushedAt)),
            externalURL: try container.decode(String.self, forKey: .externalURL),
            truncatedAlerts: try container.decode(Int.self, forKey: .truncatedAlerts))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(receiver, forKey: .receiver)
        try container.encode(groupKey, forKey: .groupKey)
        try container.encode(groupLabels, forKey: .groupLabels)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(flushedAt.nanosecondsSinceEpoch, forKey: .flushedAt)
        try container.encode(externalURL, forKey: .externalURL)
        try container.encode(truncatedAlerts, forKey: .truncatedAlerts)
    }
}
