/// An alert as a client posts it to `POST /api/v2/alerts` (Alertmanager's `postableAlert`): times are optional.
///
/// Labels and annotations are kept as label sets: sorted by name, the last of duplicate names winning (as Go's JSON
/// decoding into a map). Empty label values are dropped, as Alertmanager's intake drops them before validating;
/// annotations keep empty values, as Alertmanager does.
public struct PostableAlert: Sendable, Equatable {
    public var labelSet: Labels
    public var annotationSet: Labels
    public var startsAt: WallInstant?
    public var endsAt: WallInstant?
    public var generatorURL: String

    public init(
        labelSet: Labels, annotationSet: Labels = Labels(), startsAt: WallInstant? = nil,
        endsAt: WallInstant? = nil, generatorURL: String = ""
    ) {
        self.labelSet = labelSet
        self.annotationSet = annotationSet
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    public init(
        labels: [String: String], annotations: [String: String] = [:], startsAt: WallInstant? = nil,
        endsAt: WallInstant? = nil, generatorURL: String = ""
    ) {
        self.init(
            labelSet: Labels(labels),
            annotationSet: Labels(annotations.map { Label($0.key, $0.value) }, keepingEmptyValues: true),
            startsAt: startsAt, endsAt: endsAt,
            generatorURL: generatorURL)
    }

    /// The labels with a non-empty value.
    public var labels: [String: String] { labelSet.dictionary }
    /// The annotations.
    public var annotations: [String: String] { annotationSet.dictionary }
}
