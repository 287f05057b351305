import AsyncHTTPClient
import Logging
import SteadyModel
import SteadyNotify

/// Delivers one outbox item: finds the item's integration in the configuration in force (so a fixed URL or
/// password applies to queued notifications too), sends it once through SteadyNotify, and classifies the result
/// for the outbox.
final class NotificationDelivery: Sendable {
    private let sender: LockedBox<NotificationSender>
    private let httpClient: HTTPClient
    private let clock: any WallClock
    private let logger: Logger
    private let configuration: @Sendable () async -> AlertingConfiguration

    init(
        httpClient: HTTPClient, clock: any WallClock, templates: TemplateSet, logger: Logger,
        configuration: @escaping @Sendable () async -> AlertingConfiguration
    ) {
        self.httpClient = httpClient
        self.clock = clock
        self.logger = logger
        self.configuration = configuration
        self.sender = LockedBox(
            NotificationSender(httpClient: httpClient, clock: clock, templates: templates, logger: logger))
    }

    /// Uses `templates` for the next deliveries (after a reload).
    func apply(templates: TemplateSet) {
        let sender = NotificationSender(httpClient: httpClient, clock: clock, templates: templates, logger: logger)
        self.sender.withLock { $0 = sender }
    }

    func deliver(_ item: OutboxItem) async -> DeliveryOutcome {
        let configuration = await configuration()
        guard let receiver = configuration.receiver(named: item.receiver) else {
            return DeliveryOutcome(kind: .permanent, message: "receiver \(item.receiver) is no longer configured")
        }
        guard let integration = receiver.integration(kind: item.integration, index: item.integrationIndex) else {
            return DeliveryOutcome(
                kind: .permanent,
                message: "receiver \(item.receiver) no longer has \(item.integration)_configs[\(item.integrationIndex)]")
        }
        let sender = self.sender.withLock { $0 }
        let result = await sender.send(
            NotificationAttempt(
                notification: item.notification, integration: integration, attempt: item.attempts + 1,
                dedupKey: item.dedupKey))
        let kind: DeliveryOutcome.Kind =
            switch result.kind {
            case .delivered: .delivered
            case .retryable: .retryable
            case .permanent: .permanent
            }
        return DeliveryOutcome(
            kind: kind, status: result.status, message: result.message.isEmpty ? nil : result.message,
            retryAfter: result.retryAfter)
    }
}
