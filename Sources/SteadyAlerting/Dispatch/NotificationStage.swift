public import SteadyModel

/// One integration of a receiver (`webhook_configs[0]` of `ops` → kind `webhook`, index 0).
public struct ReceiverIntegration: Sendable, Equatable {
    public var receiver: String
    public var kind: String
    public var index: Int
    public var sendResolved: Bool

    public init(receiver: String, kind: String, index: Int, sendResolved: Bool) {
        self.receiver = receiver
        self.kind = kind
        self.index = index
        self.sendResolved = sendResolved
    }

    /// The notification log key, `receiver/kind/index`.
    public var key: String { "\(receiver)/\(kind)/\(index)" }
}

/// Alertmanager's notification pipeline for one flush, as a pure function: the mute stages (inhibition, active and
/// mute time intervals, silences) drop alerts; then, per integration, the dedup stage consults the notification log
/// and the retry stage's `send_resolved` filter decides what is sent. The result says what to hand to the outbox and
/// which log entries to write once it is durable.
public enum NotificationStage {
    public struct Send: Sendable, Equatable {
        public var integration: ReceiverIntegration
        /// Alerts to render: resolved ones only when the integration sends resolved notices.
        public var alerts: [Alert]
    }

    public struct Plan: Sendable, Equatable {
        public var sends: [Send]
        public var logEntries: [NotificationLogEntry]
        /// Why nothing went out, for the debug log and tests (`muted`, `outside active time`, …); nil when planned.
        public var skipped: String?
    }

    /// - Parameters:
    ///   - isMuted: whether an alert is inhibited or silenced at the flush time.
    ///   - isInInterval: whether the flush time falls in the named time interval.
    ///   - logEntry: the last notification log entry for (integration key, group key).
    ///   - retention: how long log entries are kept (Alertmanager: `--data.retention`, 120h).
    public static func plan(
        _ flush: AggregationGroups.Flush, integrations: [ReceiverIntegration], isMuted: (Alert) -> Bool,
        isInInterval: (String) -> Bool, logEntry: (String) -> NotificationLogEntry?, retention: Duration
    ) -> Plan {
        if !flush.activeTimeIntervals.isEmpty && !flush.activeTimeIntervals.contains(where: isInInterval) {
            return Plan(sends: [], logEntries: [], skipped: "outside the route's active time intervals")
        }
        if flush.muteTimeIntervals.contains(where: isInInterval) {
            return Plan(sends: [], logEntries: [], skipped: "inside a mute time interval")
        }
        // With `send_resolved_silenced`, a resolved alert that some integration was told is firing is not muted, so
        // its resolution goes out (prometheus/alertmanager#226); Alertmanager drops it and the receiver never hears.
        let alerts = flush.alerts.filter { alert in
            guard isMuted(alert) else { return true }
            guard flush.sendResolvedSilenced, alert.isResolved(at: flush.at) else { return false }
            let fingerprint = alert.fingerprint
            return integrations.contains { logEntry($0.key)?.firing.contains(fingerprint) == true }
        }
        if alerts.isEmpty { return Plan(sends: [], logEntries: [], skipped: "all alerts are silenced or inhibited") }

        var firing = Set<AlertFingerprint>()
        var resolved = Set<AlertFingerprint>()
        for alert in alerts {
            if alert.isResolved(at: flush.at) {
                resolved.insert(alert.fingerprint)
            } else {
                firing.insert(alert.fingerprint)
            }
        }
        var plan = Plan(sends: [], logEntries: [], skipped: nil)
        for integration in integrations {
            let entry = logEntry(integration.key)
            guard
                needsUpdate(
                    entry: entry, firing: firing, resolved: resolved, sendResolved: integration.sendResolved,
                    repeatInterval: flush.repeatInterval, now: flush.at)
            else { continue }
            let sent = integration.sendResolved ? alerts : alerts.filter { !$0.isResolved(at: flush.at) }
            if !sent.isEmpty { plan.sends.append(Send(integration: integration, alerts: sent)) }
            plan.logEntries.append(
                NotificationLogEntry(
                    receiverKey: integration.key, groupKey: flush.groupKey, firing: firing, resolved: resolved,
                    timestamp: flush.at, expiresAt: flush.at.advanced(by: retention)))
        }
        if plan.logEntries.isEmpty { plan.skipped = "already notified (repeat interval not elapsed)" }
        return plan
    }

    /// Alertmanager 0.25's `DedupStage.needsUpdate`.
    static func needsUpdate(
        entry: NotificationLogEntry?, firing: Set<AlertFingerprint>, resolved: Set<AlertFingerprint>,
        sendResolved: Bool, repeatInterval: Duration, now: WallInstant
    ) -> Bool {
        // Never notified: only when something fires.
        guard let entry else { return !firing.isEmpty }
        if !firing.isSubset(of: entry.firing) { return true }
        // Everything resolved: notify (regardless of send_resolved) so the log clears, but only when the receiver
        // was told something was firing.
        if firing.isEmpty { return !entry.firing.isEmpty }
        if sendResolved && !resolved.isSubset(of: entry.resolved) { return true }
        return entry.timestamp < now.advanced(by: .zero - repeatInterval)
    }
}
