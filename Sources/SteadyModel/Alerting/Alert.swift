/// An alert as Alertmanager models it (`types.Alert`): identified by its labels' fingerprint, firing until `endsAt`.
///
/// Senders that omit `endsAt` get `startsAt`/receive time + `resolve_timeout` and ``timeout`` set, exactly as
/// Alertmanager's intake does; an alert is resolved once `endsAt` is not after the current time.
public struct Alert: Sendable, Equatable, Codable {
    public var labels: Labels
    public var annotations: Labels
    public var startsAt: WallInstant
    public var endsAt: WallInstant
    public var generatorURL: String
    /// When Steady last received or changed this alert.
    public var updatedAt: WallInstant
    /// Whether `endsAt` came from the resolve timeout rather than from the sender.
    public var timeout: Bool

    public init(
        labels: Labels, annotations: Labels = Labels(), startsAt: WallInstant, endsAt: WallInstant,
        generatorURL: String = "", updatedAt: WallInstant, timeout: Bool = false
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
        self.updatedAt = updatedAt
        self.timeout = timeout
    }

    public var fingerprint: AlertFingerprint { AlertFingerprint(labels) }

    /// `alertname`, or an empty string.
    public var name: String { labels["alertname"] ?? "" }

    /// Alertmanager's `Resolved()`: `endsAt` is not after `instant`.
    public func isResolved(at instant: WallInstant) -> Bool { endsAt <= instant }
}

extension Alert {
    private enum CodingKeys: String, CodingKey {
        case labels, annotations, startsAt, endsAt, generatorURL, updatedAt, timeout
    }

    /// Times are stored as nanoseconds since the epoch so nothing is lost (webhooks print them to the nanosecond).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            labels: try container.decode(Labels.self, forKey: .labels),
            annotations: try container.decode(Labels.self, forKey: .annotations),
            startsAt: WallInstant(nanosecondsSinceEpoch: try container.decode(Int64.self, forKey: .startsAt)),
            endsAt: WallInstant(nanosecondsSinceEpoch: try container.decode(Int64.self, forKey: .endsAt)),
            generatorURL: try container.decode(String.self, forKey: .generatorURL),
            updatedAt: WallInstant(nanosecondsSinceEpoch: try container.decode(Int64.self, forKey: .updatedAt)),
            timeout: try container.decode(Bool.self, forKey: .timeout))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(labels, forKey: .labels)
        try container.encode(annotations, forKey: .annotations)
        try container.encode(startsAt.nanosecondsSinceEpoch, forKey: .startsAt)
        try container.encode(endsAt.nanosecondsSinceEpoch, forKey: .endsAt)
        try container.encode(generatorURL, forKey: .generatorURL)
        try container.encode(updatedAt.nanosecondsSinceEpoch, forKey: .updatedAt)
        try container.encode(timeout, forKey: .timeout)
    }
}
