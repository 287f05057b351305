import SteadyAlerting
import SteadyModel

/// A flush whose notifications are with the outbox and whose transaction (the outbox rows and the notification
/// log) is still to come; ``CommitGate`` tells the outbox when it is done.
struct PlannedFlush: Sendable {
    var flush: AggregationGroups.Flush
    var plan: NotificationStage.Plan
    var items: [OutboxItem]
    var committed: CommitGate
}
