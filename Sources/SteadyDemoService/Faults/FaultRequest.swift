/// The body ``TrafficGenerator/setFaults(_:adminToken:)`` sends to `POST /admin/faults`:
/// `{"errorRatio": 0…1, "addedLatencyMs": n, "down": bool, "ttlSeconds": n}`.
///
/// Every field is optional (missing means "no such fault", and the default time to live). The service validates the
/// values and refuses unknown fields.
public struct FaultRequest: Sendable, Hashable, Encodable {
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

    /// The settings requested (missing fields mean no fault of that kind).
    public var settings: FaultSettings {
        FaultSettings(errorRatio: errorRatio ?? 0, addedLatencyMs: addedLatencyMs ?? 0, down: down ?? false)
    }
}
