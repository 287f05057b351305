import SteadyAlerting
import SteadyModel

/// Alertmanager's silence update rules (silence.go `Set`/`canUpdate`): an active silence can only have its end and
/// comment changed in place; any other change to an active silence expires it and creates a new one. Pending
/// silences are updated in place; expired ones are replaced.
enum SilenceRules {
    struct Plan {
        var id: String
        var writes: [Silence]
    }

    /// The first problem, with Alertmanager's wording, or nil.
    static func validate(_ posted: PostableSilence) -> String? {
        if posted.matchers.isEmpty { return "invalid silence: at least one matcher required" }
        if posted.matchers.allSatisfy({ $0.matches("") }) {
            return "invalid silence: at least one matcher must not match the empty string"
        }
        for matcher in posted.matchers where !AlertIntake.isValidLabelName(matcher.name) {
            return "invalid silence: invalid label matcher 0: invalid name \"\(matcher.name)\""
        }
        if posted.endsAt < posted.startsAt { return "invalid silence: end time must not be before start time" }
        if posted.createdBy.isEmpty { return "invalid silence: creator information missing" }
        if posted.comment.isEmpty { return "invalid silence: comment missing" }
        return nil
    }

    static func plan(
        _ posted: PostableSilence, previous: Silence?, now: WallInstant, newID: () -> String
    ) -> Plan {
        var fresh = Silence(
            id: previous?.id ?? newID(), matchers: posted.matchers, startsAt: max(posted.startsAt, now),
            endsAt: posted.endsAt, updatedAt: now, createdBy: posted.createdBy, comment: posted.comment)
        guard let previous else { return Plan(id: fresh.id, writes: [fresh]) }
        switch previous.state(at: now) {
        case .pending:
            fresh.startsAt = max(posted.startsAt, now)
            return Plan(id: fresh.id, writes: [fresh])
        case .active where previous.matchers == posted.matchers && previous.startsAt == posted.startsAt:
            fresh.startsAt = previous.startsAt
            return Plan(id: fresh.id, writes: [fresh])
        case .active:
            var expired = previous
            expire(&expired, at: now)
            fresh.id = newID()
            return Plan(id: fresh.id, writes: [expired, fresh])
        case .expired:
            fresh.id = newID()
            return Plan(id: fresh.id, writes: [fresh])
        }
    }

    static func expire(_ silence: inout Silence, at now: WallInstant) {
        if silence.startsAt > now { silence.startsAt = now }
        silence.endsAt = now
        silence.updatedAt = now
    }
}
