import SteadyAlerting
import SteadyModel

/// The integrations of a configured receiver, in Alertmanager's order (webhook, Slack, PagerDuty, email configs).
enum ReceiverIntegrations {
    static func list(_ receiver: ReceiverConfig) -> [ReceiverIntegration] {
        receiver.integrations.map { entry in
            ReceiverIntegration(
                receiver: receiver.name, kind: entry.config.kind, index: entry.index,
                sendResolved: entry.config.sendResolved)
        }
    }
}
