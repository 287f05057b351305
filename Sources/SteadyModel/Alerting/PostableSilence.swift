/// A silence as a client posts it to `POST /api/v2/silences`: with an `id` it updates that silence.
public struct PostableSilence: Sendable, Equatable {
    public var id: String?
    public var matchers: [LabelMatcher]
    public var startsAt: WallInstant
    public var endsAt: WallInstant
    public var createdBy: String
    public var comment: String

    public init(
        id: String? = nil, matchers: [LabelMatcher], startsAt: WallInstant, endsAt: WallInstant, createdBy: String,
        comment: String
    ) {
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }
}
