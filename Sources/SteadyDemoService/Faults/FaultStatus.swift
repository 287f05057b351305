/// The JSON shape of `GET/POST/DELETE /admin/faults` responses.
///
/// ```json
/// {"active":true,"addedLatencyMs":0,"down":false,"errorRatio":0.5,"remainingSeconds":600,"ttlSeconds":600}
/// ```
public struct FaultStatus: Sendable, Hashable, Codable {
    public var active: Bool
    public var errorRatio: Double
    public var addedLatencyMs: Int
    public var down: Bool
    /// The time to live the faults were set with; absent when inactive.
    public var ttlSeconds: Double?
    /// Seconds left before the faults expire; absent when inactive.
    public var remainingSeconds: Double?

    public init(_ active: ActiveFaults?) {
        let settings = active?.settings ?? .none
        self.active = active != nil
        self.errorRatio = settings.errorRatio
        self.addedLatencyMs = settings.addedLatencyMs
        self.down = settings.down
        self.ttlSeconds = active?.ttl.secondsValue
        self.remainingSeconds = active?.remaining.secondsValue
    }

    /// The settings this status describes.
    public var settings: FaultSettings {
        FaultSettings(errorRatio: errorRatio, addedLatencyMs: addedLatencyMs, down: down)
    }
}
