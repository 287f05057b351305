/// A silence (Alertmanager API v2 shape): alerts matching every matcher are muted between `startsAt` and `endsAt`.
public struct Silence: Sendable, Equatable, Codable {
    /// Alertmanager's silence states.
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending, active, expired
    }

    /// A UUID, assigned by Steady when the silence is created.
    public var id: String
    public var matchers: [LabelMatcher]
    public var startsAt: WallInstant
    public var endsAt: WallInstant
    public var updatedAt: WallInstant
    public var createdBy: String
    public var comment: String

    public init(
        id: String, matchers: [LabelMatcher], startsAt: WallInstant, endsAt: WallInstant, updatedAt: WallInstant,
        createdBy: String, comment: String
    ) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// Alertmanager's `getState`: expired once `endsAt` is not after `instant`, pending before `startsAt`.
    public func state(at instant: WallInstant) -> State {
        if endsAt <= instant { return .expired }
        if instant < startsAt { return .pending }
        return .active
    }

    /// Whether every matcher matches `labels` (a missing label matches as the empty string).
    public func matches(_ labels: Labels) -> Bool {
        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }
}
