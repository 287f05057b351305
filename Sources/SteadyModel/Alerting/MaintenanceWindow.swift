/// A recurring maintenance window: alerts matching every matcher are muted, like by a silence, whenever the time
/// falls in one of its time intervals (Alertmanager's `time_intervals` format: times, weekdays, days of month,
/// months, years, location), until `endsAt` if set. Created through `POST /api/v1/maintenance` and
/// `steady maintenance add`; stored durably.
///
/// ```swift
/// let window = MaintenanceWindow(
///     id: "6f1c…", matchers: try AlertMatcherParser.parse("service=db"),
///     timeIntervalsJSON: #"[{"weekdays":["sunday"],"times":[{"start_time":"02:00","end_time":"04:00"}]}]"#,
///     comment: "weekly vacuum", createdBy: "ops", createdAt: now)
/// ```
public struct MaintenanceWindow: Sendable, Equatable, Codable {
    public var id: String
    public var matchers: [LabelMatcher]
    /// The `time_intervals` list as JSON, in Alertmanager's format (kept verbatim, parsed by the server).
    public var timeIntervalsJSON: String
    public var comment: String
    public var createdBy: String
    public var createdAt: WallInstant
    /// After this instant the window no longer applies; nil: no end.
    public var endsAt: WallInstant?

    public init(
        id: String, matchers: [LabelMatcher], timeIntervalsJSON: String, comment: String, createdBy: String,
        createdAt: WallInstant, endsAt: WallInstant? = nil
    ) {
        self.id = id
        self.matchers = matchers
        self.timeIntervalsJSON = timeIntervalsJSON
        self.comment = comment
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.endsAt = endsAt
    }

    /// Whether the window's matchers all match `labels`.
    public func matches(_ labels: Labels) -> Bool {
        matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
    }

    /// Whether the window has ended at `instant`.
    public func hasEnded(at instant: WallInstant) -> Bool { endsAt.map { instant >= $0 } ?? false }
}
