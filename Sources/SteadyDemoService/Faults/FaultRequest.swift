/// The body of `POST /admin/faults`: `{"errorRatio": 0…1, "addedLatencyMs": n, "down": bool, "ttlSeconds": n}`.
///
/// Every field is optional (missing means "no such fault", and the default time to live); unknown fields are refused
/// so a typo such as `errorRate` does not silently install nothing.
public struct FaultRequest: Sendable, Hashable, Codable {
    public var errorRatio: Double?
    public var addedLatencyMs: Int?
    public var down: Bool?
    public var ttlSeconds: Double?

    public init(errorRatio: Double? = nil, addedLatencyMs: Int? = nil, down: Bool? = nil, ttlSeconds: Double? = nil) {
        self.errorRatio = errorRatio
        self.addedLatencyMs = addedLatencyMs
        self.down = down
        self.ttlSeconds = ttlSeconds
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case errorRatio, addedLatencyMs, down, ttlSeconds
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let names = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let known = Set(CodingKeys.allCases.map(\.stringValue))
        if let unknown = names.sorted().first(where: { !known.contains($0) }) {
            throw FaultError.invalidBody(
                "unknown field '\(unknown)'; expected errorRatio, addedLatencyMs, down, ttlSeconds"
            )
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorRatio = try container.decodeIfPresent(Double.self, forKey: .errorRatio)
        addedLatencyMs = try container.decodeIfPresent(Int.self, forKey: .addedLatencyMs)
        down = try container.decodeIfPresent(Bool.self, forKey: .down)
        ttlSeconds = try container.decodeIfPresent(Double.self, forKey: .ttlSeconds)
    }

    /// The settings requested (missing fields mean no fault of that kind).
    public var settings: FaultSettings {
        FaultSettings(errorRatio: errorRatio ?? 0, addedLatencyMs: addedLatencyMs ?? 0, down: down ?? false)
    }

    /// The requested time to live; nil means the switch's default. Throws when not a positive finite number.
    public func ttl() throws(FaultError) -> Duration? {
        guard let ttlSeconds else { return nil }
        guard ttlSeconds.isFinite, ttlSeconds > 0, ttlSeconds <= 1e9 else { throw .invalidTTL }
        return .milliseconds(Int64((ttlSeconds * 1000).rounded()))
    }
}
