public import SteadyModel

/// Everything a notifier needs for one attempt: the stored notification, the integration's current configuration,
/// the attempt number and the dedup key sent to the receiver.
public struct NotificationAttempt: Sendable, Equatable {
    public var notification: AlertNotification
    public var integration: IntegrationConfig
    /// 1 for the first attempt.
    public var attempt: Int
    /// Sent as `Idempotency-Key` (HTTP) or `X-Steady-Dedup-Key` (email) so receivers can drop duplicates.
    public var dedupKey: String

    public init(notification: AlertNotification, integration: IntegrationConfig, attempt: Int, dedupKey: String) {
        self.notification = notification
        self.integration = integration
        self.attempt = attempt
        self.dedupKey = dedupKey
    }
}
