/// Renders and sends one notification to one integration, and classifies what happened. Retries, backoff and circuit
/// breaking are the caller's (the outbox): a notifier makes exactly one attempt and never throws.
///
/// ```swift
/// let notifier = NotificationSender(httpClient: .shared, clock: SystemWallClock(), logger: logger)
/// let result = await notifier.send(NotificationAttempt(
///     notification: item.notification, integration: config, attempt: item.attempts + 1, dedupKey: item.dedupKey))
/// ```
public protocol Notifier: Sendable {
    func send(_ attempt: NotificationAttempt) async -> DeliveryResult
}
