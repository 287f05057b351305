public import SteadyModel

/// What templates see as `.`: Alertmanager's `template.Data` for one notification.
///
/// Field names are Alertmanager's (`.Receiver`, `.Status`, `.Alerts`, `.GroupLabels`, `.CommonLabels`,
/// `.CommonAnnotations`, `.ExternalURL`); `.Alerts.Firing`, `.CommonLabels.SortedPairs`, `.GroupLabels.Names` and
/// friends work as in Alertmanager.
///
/// ```swift
/// let data = TemplateData(notification)
/// try TemplateSet.defaults.render(#"{{ template "__subject" . }}"#, data: data)   // "[FIRING:1] HighLatency (checkout)"
/// ```
public struct TemplateData: Sendable, Equatable {
    /// The receiver name, regexp-quoted as Alertmanager does (`team.a` → `team\.a`).
    public var receiver: String
    /// `firing` if any alert fires, else `resolved`.
    public var status: String
    public var alerts: [TemplateAlert]
    public var groupLabels: [TemplatePair]
    public var commonLabels: [TemplatePair]
    public var commonAnnotations: [TemplatePair]
    public var externalURL: String

    /// The data of `notification`, over `alerts` when given (the webhook's `max_alerts` truncation), else all alerts.
    /// Common labels and annotations are computed over the alerts used, like Alertmanager.
    public init(_ notification: AlertNotification, alerts: [Alert]? = nil) {
        let used = alerts ?? notification.alerts
        self.receiver = Self.quoteMeta(notification.receiver)
        self.alerts = used.map { TemplateAlert($0, at: notification.flushedAt) }
        self.status = self.alerts.contains { $0.status == "firing" } ? "firing" : "resolved"
        self.groupLabels = TemplatePair.sorted(notification.groupLabels)
        self.commonLabels = TemplatePair.sorted(Self.common(used.map(\.labels)))
        self.commonAnnotations = TemplatePair.sorted(Self.common(used.map(\.annotations)))
        self.externalURL = notification.externalURL
    }

    static func common(_ sets: [Labels]) -> Labels {
        guard let first = sets.first else { return Labels() }
        var shared = Array(first)
        for set in sets.dropFirst() {
            if shared.isEmpty { break }
            shared.removeAll { set[$0.name] != $0.value }
        }
        return Labels(presorted: shared)
    }

    /// Go's `regexp.QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`.
    static func quoteMeta(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

/// A label or annotation as templates see it (`.Name`, `.Value`).
public struct TemplatePair: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Sorted by name in byte order, as Go sorts map keys.
    static func sorted(_ labels: Labels) -> [TemplatePair] {
        labels.map { TemplatePair(name: $0.name, value: $0.value) }.sorted { Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
    }
}

/// One alert as templates and the webhook payload see it.
public struct TemplateAlert: Sendable, Equatable {
    public var status: String
    public var labels: [TemplatePair]
    public var annotations: [TemplatePair]
    public var startsAt: WallInstant
    /// Nil for a firing alert: Alertmanager hides a future `endsAt` and prints Go's zero time.
    public var endsAt: WallInstant?
    public var generatorURL: String
    public var fingerprint: String

    public init(_ alert: Alert, at instant: WallInstant) {
        let resolved = alert.isResolved(at: instant)
        self.status = resolved ? "resolved" : "firing"
        self.labels = TemplatePair.sorted(alert.labels)
        self.annotations = TemplatePair.sorted(alert.annotations)
        self.startsAt = alert.startsAt
        self.endsAt = resolved ? alert.endsAt : nil
        self.generatorURL = alert.generatorURL
        self.fingerprint = alert.fingerprint.hex
    }
}
