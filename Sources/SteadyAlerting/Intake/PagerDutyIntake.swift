public import SteadyModel

/// Turns PagerDuty Events API v2 events into pipeline alerts, with PagerDuty's validation: a `trigger` becomes a
/// firing alert identified by its dedup key (generated when absent), `resolve` ends it, `acknowledge` is recorded.
///
/// Labels: `alertname` (`PagerDutyEvent`), `dedup_key`, `severity`, `source` and, when given, `component`,
/// `group`, `class`; the summary, client and custom details become annotations.
public enum PagerDutyIntake {
    public enum Action: Sendable, Equatable {
        case trigger(Alert)
        case acknowledge(dedupKey: String)
        case resolve(dedupKey: String)
    }

    public static let alertName = "PagerDutyEvent"
    static let severities: Set<String> = ["critical", "error", "warning", "info"]

    /// The action, or PagerDuty-style error messages (`errors` of the 400 body).
    public static func action(
        _ event: PagerDutyEvent, now: WallInstant, newDedupKey: () -> String
    ) -> Result<Action, Failure> {
        var errors: [String] = []
        let action = event.eventAction ?? ""
        guard ["trigger", "acknowledge", "resolve"].contains(action) else {
            return .failure(Failure(errors: ["'event_action' is invalid (must be trigger, acknowledge or resolve)"]))
        }
        if let key = event.dedupKey, key.utf8.count > 255 {
            errors.append("'dedup_key' must be at most 255 characters")
        }
        if action != "trigger" {
            guard let key = event.dedupKey, !key.isEmpty else {
                return .failure(Failure(errors: errors + ["'dedup_key' is missing or blank"]))
            }
            guard errors.isEmpty else { return .failure(Failure(errors: errors)) }
            return .success(action == "resolve" ? .resolve(dedupKey: key) : .acknowledge(dedupKey: key))
        }
        let payload = event.payload ?? PagerDutyEvent.Payload()
        let summary = payload.summary?.trimmed ?? ""
        if summary.isEmpty { errors.append("'payload.summary' is missing or blank") }
        if summary.count > 1024 { errors.append("'payload.summary' must be at most 1024 characters") }
        let source = payload.source?.trimmed ?? ""
        if source.isEmpty { errors.append("'payload.source' is missing or blank") }
        let severity = payload.severity ?? ""
        if !severities.contains(severity) {
            errors.append("'payload.severity' is invalid (must be critical, error, warning or info)")
        }
        var startsAt = now
        if let text = payload.timestamp, !text.isEmpty {
            if let instant = Timestamp.parse(text) {
                startsAt = min(instant, now)
            } else {
                errors.append("'payload.timestamp' is not a valid ISO 8601 timestamp")
            }
        }
        guard errors.isEmpty else { return .failure(Failure(errors: errors)) }
        let dedupKey = event.dedupKey.flatMap { $0.isEmpty ? nil : $0 } ?? newDedupKey()
        var labels = [
            "alertname": alertName, "dedup_key": dedupKey, "severity": severity, "source": source,
        ]
        labels["component"] = payload.component
        labels["group"] = payload.group
        labels["class"] = payload.class
        var annotations = ["summary": summary]
        annotations["client"] = event.client
        annotations["client_url"] = event.clientURL
        annotations["custom_details"] = payload.customDetails
        return .success(
            .trigger(
                Alert(
                    labels: Labels(labels.filter { !$0.value.isEmpty }), annotations: Labels(annotations),
                    startsAt: startsAt, endsAt: WallInstant(nanosecondsSinceEpoch: .max),
                    generatorURL: event.clientURL ?? "", updatedAt: now)))
    }

    public struct Failure: Error, Sendable, Equatable {
        public var errors: [String]

        public init(errors: [String]) { self.errors = errors }
    }
}

extension String {
    fileprivate var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
