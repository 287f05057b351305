/// A notification waiting for (or done with) delivery to one receiver integration. The outbox is durable: an item is
/// written before the dispatcher moves on and survives restarts; delivered and abandoned items are the notification
/// history (`/api/v1/notifications`).
public struct OutboxItem: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting for its first or next attempt.
        case pending
        case delivered
        /// Given up: a 4xx, an invalid integration, or too many attempts.
        case failed
    }

    public var id: String
    public var receiver: String
    /// `webhook`, `slack`, `pagerduty`, `email`.
    public var integration: String
    /// Position of the integration within the receiver (`webhook_configs[1]` → 1).
    public var integrationIndex: Int
    /// Sent with every attempt so receivers can drop duplicates.
    public var dedupKey: String
    public var notification: AlertNotification
    public var state: State
    public var attempts: Int
    public var createdAt: WallInstant
    public var nextAttemptAt: WallInstant
    public var lastAttemptAt: WallInstant?
    public var lastError: String?
    /// HTTP status (or SMTP reply code) of the last attempt.
    public var lastStatus: Int?

    public init(
        id: String, receiver: String, integration: String, integrationIndex: Int, dedupKey: String,
        notification: AlertNotification, state: State = .pending, attempts: Int = 0, createdAt: WallInstant,
        nextAttemptAt: WallInstant, lastAttemptAt: WallInstant? = nil, lastError: String? = nil,
        lastStatus: Int? = nil
    ) {
        self.id = id
        self.receiver = receiver
        self.integration = integration
        self.integrationIndex = integrationIndex
        self.dedupKey = dedupKey
        self.notification = notification
        self.state = state
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.lastStatus = lastStatus
    }
}

/// Filters for the notification history.
public struct OutboxQuery: Sendable, Equatable {
    public var receiver: String?
    public var state: OutboxItem.State?
    public var since: WallInstant?
    public var limit: Int

    public init(receiver: String? = nil, state: OutboxItem.State? = nil, since: WallInstant? = nil, limit: Int = 100) {
        self.receiver = receiver
        self.state = state
        self.since = since
        self.limit = limit
    }
}
