/// An alert as a client posts it to `POST /api/v2/alerts` (Alertmanager's `postableAlert`): times are optional and
/// labels may carry empty values, which intake drops.
public struct PostableAlert: Sendable, Equatable {
    public var labels: [String: String]
    public var annotations: [String: String]
    public var startsAt: WallInstant?
    public var endsAt: WallInstant?
    public var generatorURL: String

    public init(
        labels: [String: String], annotations: [String: String] = [:], startsAt: WallInstant? = nil,
        endsAt: WallInstant? = nil, generatorURL: String = ""
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }
}
