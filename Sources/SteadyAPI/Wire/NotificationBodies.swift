import SteadyModel

/// One notification (outbox item) in `/api/v1/notifications`: where it went, its state and delivery attempts, and
/// the alerts it carried.
struct NotificationBody: Encodable {
    struct AlertSummary: Encodable {
        var fingerprint: String
        var status: String
        var labels: [String: String]
    }

    var id: String
    var receiver: String
    var integration: String
    var integrationIndex: Int
    var groupKey: String
    /// `firing` or `resolved` (of the group, at flush time).
    var status: String
    var state: String
    var attempts: Int
    var createdAt: WallInstant
    var nextAttemptAt: WallInstant?
    var lastAttemptAt: WallInstant?
    var lastStatus: Int?
    var lastError: String?
    var dedupKey: String
    var alerts: [AlertSummary]

    init(_ item: OutboxItem) {
        let notification = item.notification
        id = item.id
        receiver = item.receiver
        integration = item.integration
        integrationIndex = item.integrationIndex
        groupKey = notification.groupKey
        status = notification.status
        state = item.state.rawValue
        attempts = item.attempts
        createdAt = item.createdAt
        nextAttemptAt = item.state == .pending ? item.nextAttemptAt : nil
        lastAttemptAt = item.lastAttemptAt
        lastStatus = item.lastStatus
        lastError = item.lastError
        dedupKey = item.dedupKey
        alerts = notification.alerts.map {
            AlertSummary(
                fingerprint: $0.fingerprint.hex,
                status: $0.isResolved(at: notification.flushedAt) ? "resolved" : "firing",
                labels: $0.labels.dictionary)
        }
    }
}

struct NotificationListBody: Encodable {
    var notifications: [NotificationBody]
}
