/// A named receiver and its integrations (`receivers:` in Alertmanager's config).
///
/// Integrations are listed in Alertmanager's order: every `webhook_configs` entry, then `slack_configs`,
/// `pagerduty_configs`, `email_configs`. An integration is addressed by its kind and its index within that kind
/// (`webhook_configs[1]` → `("webhook", 1)`), which is what the outbox stores. Secrets print as `<secret>`.
///
/// ```swift
/// let receiver = ReceiverConfig(name: "ops", webhookConfigs: [WebhookConfig(url: "https://hooks.example.com")])
/// receiver.integration(kind: "webhook", index: 0)   // .webhook(...)
/// ```
public struct ReceiverConfig: Sendable, Equatable, Encodable {
    public var name: String
    public var webhookConfigs: [WebhookConfig]
    public var slackConfigs: [SlackConfig]
    public var pagerdutyConfigs: [PagerDutyConfig]
    public var emailConfigs: [EmailConfig]
    /// Integration sections Alertmanager accepts that Steady does not deliver to (`opsgenie_configs`, …); they were
    /// parsed, reported as warnings, and are ignored.
    public var unsupportedIntegrations: [String]

    public init(
        name: String, webhookConfigs: [WebhookConfig] = [], slackConfigs: [SlackConfig] = [],
        pagerdutyConfigs: [PagerDutyConfig] = [], emailConfigs: [EmailConfig] = [],
        unsupportedIntegrations: [String] = []
    ) {
        self.name = name
        self.webhookConfigs = webhookConfigs
        self.slackConfigs = slackConfigs
        self.pagerdutyConfigs = pagerdutyConfigs
        self.emailConfigs = emailConfigs
        self.unsupportedIntegrations = unsupportedIntegrations
    }

    /// Every integration with its index within its kind, in Alertmanager's order.
    public var integrations: [(index: Int, config: IntegrationConfig)] {
        webhookConfigs.enumerated().map { ($0.offset, .webhook($0.element)) }
            + slackConfigs.enumerated().map { ($0.offset, .slack($0.element)) }
            + pagerdutyConfigs.enumerated().map { ($0.offset, .pagerduty($0.element)) }
            + emailConfigs.enumerated().map { ($0.offset, .email($0.element)) }
    }

    /// The integration of `kind` (`webhook`, `slack`, `pagerduty`, `email`) at `index`, or nil.
    public func integration(kind: String, index: Int) -> IntegrationConfig? {
        guard index >= 0 else { return nil }
        switch kind {
        case "webhook": return index < webhookConfigs.count ? .webhook(webhookConfigs[index]) : nil
        case "slack": return index < slackConfigs.count ? .slack(slackConfigs[index]) : nil
        case "pagerduty": return index < pagerdutyConfigs.count ? .pagerduty(pagerdutyConfigs[index]) : nil
        case "email": return index < emailConfigs.count ? .email(emailConfigs[index]) : nil
        default: return nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name, webhookConfigs = "webhook_configs", slackConfigs = "slack_configs"
        case pagerdutyConfigs = "pagerduty_configs", emailConfigs = "email_configs"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if !webhookConfigs.isEmpty { try container.encode(webhookConfigs, forKey: .webhookConfigs) }
        if !slackConfigs.isEmpty { try container.encode(slackConfigs, forKey: .slackConfigs) }
        if !pagerdutyConfigs.isEmpty { try container.encode(pagerdutyConfigs, forKey: .pagerdutyConfigs) }
        if !emailConfigs.isEmpty { try container.encode(emailConfigs, forKey: .emailConfigs) }
    }
}
