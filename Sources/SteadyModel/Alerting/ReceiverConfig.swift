/// A named receiver and its integrations (`receivers:` in Alertmanager's config).
///
/// The notifications helper fills in the integration configs (webhook, Slack, PagerDuty, email).
public struct ReceiverConfig: Sendable, Equatable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}
