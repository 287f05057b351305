/// One integration of a receiver with its settings, as the notifier needs it to render and send.
public enum IntegrationConfig: Sendable, Equatable, Encodable {
    case webhook(WebhookConfig)
    case slack(SlackConfig)
    case pagerduty(PagerDutyConfig)
    case email(EmailConfig)

    /// `webhook`, `slack`, `pagerduty` or `email` (``OutboxItem/integration``).
    public var kind: String {
        switch self {
        case .webhook: "webhook"
        case .slack: "slack"
        case .pagerduty: "pagerduty"
        case .email: "email"
        }
    }

    /// Whether resolved alerts are sent (Alertmanager's `send_resolved`).
    public var sendResolved: Bool {
        switch self {
        case .webhook(let config): config.sendResolved
        case .slack(let config): config.sendResolved
        case .pagerduty(let config): config.sendResolved
        case .email(let config): config.sendResolved
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .webhook(let config): try config.encode(to: encoder)
        case .slack(let config): try config.encode(to: encoder)
        case .pagerduty(let config): try config.encode(to: encoder)
        case .email(let config): try config.encode(to: encoder)
        }
    }
}
