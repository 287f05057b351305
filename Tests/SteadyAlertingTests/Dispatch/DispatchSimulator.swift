import SteadyAlerting
import SteadyModel

/// Drives AggregationGroups + NotificationStage on simulated time, one second per step, with an in-memory
/// notification log, recording what would go to the outbox.
struct DispatchSimulator {
    struct Sent: Equatable, CustomStringConvertible {
        var at: Int
        var integration: String
        var groupKey: String
        var firing: [String]
        var resolved: [String]

        var description: String { "t=\(at) \(integration) firing=\(firing) resolved=\(resolved)" }
    }

    var groups: AggregationGroups
    var integrations: [String: [ReceiverIntegration]]
    var log: [String: NotificationLogEntry] = [:]
    var sent: [Sent] = []
    var now = 0
    var isMuted: (Alert) -> Bool = { _ in false }
    let epoch = WallInstant(secondsSinceEpoch: 1_700_000_000)

    init(route: AlertRoute, sendResolved: Bool = true) {
        groups = AggregationGroups(tree: RouteTree(root: route))
        var receivers: Set<String> = []
        func collect(_ route: AlertRoute) {
            if let receiver = route.receiver { receivers.insert(receiver) }
            route.routes.forEach(collect)
        }
        collect(route)
        integrations = Dictionary(
            uniqueKeysWithValues: receivers.map {
                ($0, [ReceiverIntegration(receiver: $0, kind: "webhook", index: 0, sendResolved: sendResolved)])
            })
    }

    func instant(_ second: Int) -> WallInstant { epoch.advanced(by: .seconds(second)) }

    /// An alert as Prometheus sends it: started at `startsAt`, ending at `endsAt` (default: 3 minutes after now).
    func alert(_ labels: [String: String], startsAt: Int? = nil, endsAt: Int? = nil) -> Alert {
        Alert(
            labels: Labels(labels), startsAt: instant(startsAt ?? now), endsAt: instant(endsAt ?? (now + 180)),
            updatedAt: instant(now))
    }

    mutating func post(_ alerts: Alert...) {
        for alert in alerts { groups.insert(alert, now: instant(now)) }
    }

    /// Advances to `second`, flushing every due group at each second.
    mutating func run(until second: Int) {
        while now < second {
            now += 1
            let at = instant(now)
            for flush in groups.due(at: at) {
                let plan = NotificationStage.plan(
                    flush, integrations: integrations[flush.receiver] ?? [], isMuted: isMuted,
                    isInInterval: { _ in false }, logEntry: { [log] in log[$0 + "|" + flush.groupKey] },
                    retention: .seconds(120 * 3600))
                for send in plan.sends {
                    sent.append(
                        Sent(
                            at: now, integration: send.integration.key, groupKey: flush.groupKey,
                            firing: send.alerts.filter { !$0.isResolved(at: at) }.map(\.name),
                            resolved: send.alerts.filter { $0.isResolved(at: at) }.map(\.name)))
                }
                for entry in plan.logEntries { log[entry.receiverKey + "|" + entry.groupKey] = entry }
                groups.acknowledge(flush)
            }
        }
    }
}
