public import SteadyModel

/// Alertmanager 0.25's intake rules for `POST /api/v2/alerts`, as pure functions.
///
/// ``prepare(_:now:resolveTimeout:)`` applies the defaults (`updatedAt = now`; a missing `startsAt` becomes `endsAt`
/// or now; a missing `endsAt` becomes now + resolve timeout with `timeout` set), drops empty label values and
/// validates each alert with Alertmanager's messages. Valid alerts are accepted even when others in the same batch
/// are not (partial acceptance); the errors are joined with `"; "` for the 400 body.
/// ``merge(existing:incoming:)`` is the store's merge when the new alert overlaps the stored one.
public enum AlertIntake {
    /// The accepted alerts (in request order) and one message per rejected alert.
    public struct Outcome: Sendable, Equatable {
        public var accepted: [Alert]
        public var errors: [String]

        /// Alertmanager's 400 body text: the messages joined with `"; "`.
        public var errorMessage: String? { errors.isEmpty ? nil : errors.joined(separator: "; ") }
    }

    public static func prepare(_ posted: [PostableAlert], now: WallInstant, resolveTimeout: Duration) -> Outcome {
        var outcome = Outcome(accepted: [], errors: [])
        outcome.accepted.reserveCapacity(posted.count)
        for alert in posted {
            var startsAt = alert.startsAt
            var endsAt = alert.endsAt
            var timeout = false
            if startsAt == nil { startsAt = endsAt ?? now }
            if endsAt == nil {
                timeout = true
                endsAt = now.advanced(by: resolveTimeout)
            }
            if let error = validate(
                labels: alert.labelSet, annotations: alert.annotationSet, startsAt: startsAt, endsAt: endsAt)
            {
                outcome.errors.append(error)
                continue
            }
            outcome.accepted.append(
                Alert(
                    labels: alert.labelSet, annotations: alert.annotationSet, startsAt: startsAt!, endsAt: endsAt!,
                    generatorURL: alert.generatorURL, updatedAt: now, timeout: timeout))
        }
        return outcome
    }

    /// prometheus/common's `Alert.Validate` (v0.38): the first problem found, or nil.
    static func validate(
        labels: Labels, annotations: Labels, startsAt: WallInstant?, endsAt: WallInstant?
    ) -> String? {
        guard let startsAt else { return "start time missing" }
        if let endsAt, endsAt < startsAt { return "start time must be before end time" }
        // Go walks the map in random order; Steady reports the first invalid pair in name order (label sets are
        // sorted by name).
        for label in labels where !isValidLabelName(label.name) {
            return "invalid label set: invalid name \(GoQuote.quoted(label.name))"
        }
        if labels.isEmpty { return "at least one label pair required" }
        for annotation in annotations where !isValidLabelName(annotation.name) {
            return "invalid annotations: invalid name \(GoQuote.quoted(annotation.name))"
        }
        return nil
    }

    /// Alertmanager's merge (`types.Alert.Merge`), used when `incoming` overlaps the stored alert's activity range
    /// (see ``overlaps(existing:incoming:)``): the younger alert wins, the earliest start is kept, and an explicit
    /// (non-timeout) later end survives a refresh.
    public static func merge(existing: Alert, incoming: Alert) -> Alert {
        var older = existing
        var younger = incoming
        if incoming.updatedAt < existing.updatedAt { swap(&older, &younger) }
        var result = younger
        if older.startsAt < younger.startsAt { result.startsAt = older.startsAt }
        // Alertmanager judges "resolved" against the wall clock at merge time; the younger alert's update time is
        // that moment for an alert that was just received.
        let now = younger.updatedAt
        if younger.isResolved(at: now) {
            if older.isResolved(at: now) && older.endsAt > younger.endsAt { result.endsAt = older.endsAt }
        } else if older.endsAt > younger.endsAt && !older.timeout {
            result.endsAt = older.endsAt
        }
        return result
    }

    /// The store merges only when the new alert's end or start falls strictly inside the stored activity range.
    public static func overlaps(existing: Alert, incoming: Alert) -> Bool {
        (incoming.endsAt > existing.startsAt && incoming.endsAt < existing.endsAt)
            || (incoming.startsAt > existing.startsAt && incoming.startsAt < existing.endsAt)
    }

    /// What the store keeps for `incoming` given the stored alert with the same fingerprint.
    public static func resolve(existing: Alert?, incoming: Alert) -> Alert {
        guard let existing, overlaps(existing: existing, incoming: incoming) else { return incoming }
        return merge(existing: existing, incoming: incoming)
    }

    /// Prometheus's legacy label name rule: `[a-zA-Z_][a-zA-Z0-9_]*`.
    public static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        func letter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95 }
        guard letter(first) else { return false }
        return name.utf8.dropFirst().allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) }
    }
}
