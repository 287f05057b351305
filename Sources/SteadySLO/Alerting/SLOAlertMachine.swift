public import SteadyModel

/// What the shell does after an evaluation: announce an alert that started firing or one that resolved.
public enum SLOAlertAction: Sendable, Equatable {
    case fire(SLOAlert)
    case resolve(SLOAlert)
}

/// The lifecycle of an SLO's alerts (inactive → firing → resolved → inactive), as a struct state machine: feed it
/// the conditions of every evaluation and perform the actions it returns.
///
/// ```swift
/// var machine = SLOAlertMachine()
/// let actions = machine.update(active: [pageAlert], at: now)   // [.fire(pageAlert)]
/// machine.update(active: [], at: later)                       // [.resolve(pageAlert with endsAt: later)]
/// ```
public struct SLOAlertMachine: Sendable {
    private var firing: [String: SLOAlert] = [:]

    public init() {}

    /// Alerts currently firing, in a stable order (by key).
    public var firingAlerts: [SLOAlert] { firing.values.sorted { $0.key < $1.key } }

    /// Takes the alerts whose conditions hold now. New ones fire (keeping `startsAt` = now); ones that no longer
    /// hold resolve; ones still holding keep their start time and take the fresh annotations.
    public mutating func update(active: [SLOAlert], at now: WallInstant) -> [SLOAlertAction] {
        var actions: [SLOAlertAction] = []
        var next: [String: SLOAlert] = [:]
        for alert in active {
            if let existing = firing[alert.key] {
                var updated = alert
                updated.startsAt = existing.startsAt
                next[alert.key] = updated
            } else {
                var started = alert
                started.startsAt = now
                next[alert.key] = started
                actions.append(.fire(started))
            }
        }
        for (key, alert) in firing.sorted(by: { $0.key < $1.key }) where next[key] == nil {
            var resolved = alert
            resolved.endsAt = now
            actions.append(.resolve(resolved))
        }
        firing = next
        return actions
    }

    /// Restores alerts that were firing before a restart (from the event log), without announcing them again.
    public mutating func restore(_ alerts: [SLOAlert]) {
        for alert in alerts { firing[alert.key] = alert }
    }
}
