import SteadyAlerting
import SteadyModel

/// The integrations of a configured receiver, in Alertmanager's order (webhook, Slack, PagerDuty, email configs).
enum ReceiverIntegrations {
    static func list(_ receiver: ReceiverConfig) -> [ReceiverIntegration] {
        []
    }
}
