/// Alertmanager's notification log (`nflog`) entry: what a receiver integration was last told about a group, so a
/// flush that would repeat it inside `repeat_interval` is skipped, across restarts.
public struct NotificationLogEntry: Sendable, Equatable, Codable {
    /// `receiver/integration/index`, e.g. `ops/webhook/0`.
    public var receiverKey: String
    public var groupKey: String
    public var firing: Set<AlertFingerprint>
    public var resolved: Set<AlertFingerprint>
    public var timestamp: WallInstant
    public var expiresAt: WallInstant

    public init(
        receiverKey: String, groupKey: String, firing: Set<AlertFingerprint>, resolved: Set<AlertFingerprint>,
        timestamp: WallInstant, expiresAt: WallInstant
    ) {
        self.receiverKey = receiverKey
        self.groupKey = groupKey
        self.firing = firing
        self.resolved = resolved
        self.timestamp = timestamp
        self.expiresAt = expiresAt
    }
}
