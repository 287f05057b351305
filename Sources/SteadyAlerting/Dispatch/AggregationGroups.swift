import HeapModule
public import SteadyModel

/// Alertmanager's dispatcher as a state machine: alerts are routed into aggregation groups (one per route and
/// group-label values); each group flushes first after `group_wait`, then every `group_interval`. Time is passed in.
///
/// ```swift
/// var groups = AggregationGroups(tree: RouteTree(root: config.route))
/// groups.insert(alert, now: now)
/// for flush in groups.due(at: now) { … notify …; groups.acknowledge(flush) }
/// ```
public struct AggregationGroups: Sendable {
    /// One group's flush: everything the notification stage needs.
    public struct Flush: Sendable, Equatable {
        public var id: GroupID
        public var groupKey: String
        public var receiver: String
        public var groupLabels: Labels
        /// Every alert of the group, Alertmanager's order; firing or resolved relative to `at`.
        public var alerts: [Alert]
        public var at: WallInstant
        public var repeatInterval: Duration
        public var muteTimeIntervals: [String]
        public var activeTimeIntervals: [String]
        /// The route's `send_resolved_silenced`.
        public var sendResolvedSilenced: Bool = false
    }

    /// A group's identity: the route (by its path in the tree) and the group labels.
    public struct GroupID: Sendable, Hashable {
        public var routePath: [Int]
        public var labels: Labels
    }

    struct Group: Sendable {
        var node: RouteTree.Node
        var key: String
        var labels: Labels
        var alerts: [AlertFingerprint: Alert]
        var nextFlush: WallInstant
        var hasFlushed: Bool
    }

    /// A group's timer as scheduled: stale once the group is gone or has been rescheduled (its `nextFlush` differs).
    struct Timer: Comparable {
        var at: WallInstant
        var id: GroupID

        static func < (lhs: Timer, rhs: Timer) -> Bool { lhs.at < rhs.at }
        static func == (lhs: Timer, rhs: Timer) -> Bool { lhs.at == rhs.at && lhs.id == rhs.id }
    }

    public let tree: RouteTree
    private var groups: [GroupID: Group] = [:]
    private var routeKeys: [[Int]: String] = [:]
    /// Every timer set, earliest first (stale ones are dropped as they come due), so finding due groups and the next
    /// deadline does not scan every group on every wake.
    private var timers = Heap<Timer>()

    public init(tree: RouteTree) {
        self.tree = tree
    }

    public var groupCount: Int { groups.count }

    /// Routes `alert` and inserts it into its groups (creating them with a `group_wait` timer). An alert whose
    /// `group_wait` has already passed since it started makes a group that has not flushed yet flush right away.
    /// Returns whether one of those groups is due at `now` (so a caller can flush at once instead of waiting for
    /// its timer loop).
    @discardableResult
    public mutating func insert(_ alert: Alert, now: WallInstant) -> Bool {
        insert(alert, fingerprint: alert.fingerprint, now: now)
    }

    /// ``insert(_:now:)`` for a caller that has the alert's fingerprint at hand (it hashes every label).
    @discardableResult
    public mutating func insert(_ alert: Alert, fingerprint: AlertFingerprint, now: WallInstant) -> Bool {
        var due = false
        for path in tree.matchPaths(alert.labels) {
            let node = path.last!
            let labels = Self.groupLabels(alert.labels, node)
            let id = GroupID(routePath: node.path, labels: labels)
            let late = alert.startsAt.advanced(by: node.groupWait) < now
            // One hash of the group id per alert (it hashes every group label).
            if let index = groups.index(forKey: id) {
                groups.values[index].alerts[fingerprint] = alert
                if late && !groups.values[index].hasFlushed && groups.values[index].nextFlush != now {
                    groups.values[index].nextFlush = now
                    timers.insert(Timer(at: now, id: id))
                }
                due = due || groups.values[index].nextFlush <= now
            } else {
                let routeKey = self.routeKey(path)
                let nextFlush = late ? now : now.advanced(by: node.groupWait)
                groups[id] = Group(
                    node: node, key: GroupKey.groupKey(routeKey: routeKey, groupLabels: labels), labels: labels,
                    alerts: [fingerprint: alert], nextFlush: nextFlush, hasFlushed: false)
                timers.insert(Timer(at: nextFlush, id: id))
                due = due || nextFlush <= now
            }
        }
        return due
    }

    /// The earliest time a group wants to flush.
    /// (It may be a timer that has gone stale since: the caller wakes early and finds nothing due.)
    public var nextDeadline: WallInstant? { timers.min?.at }

    /// Groups whose timer fired by `now`, each rescheduled `group_interval` later (as Alertmanager resets its timer
    /// before flushing). Empty groups are dropped instead.
    public mutating func due(at now: WallInstant) -> [Flush] {
        var flushes: [Flush] = []
        var rescheduled: [Timer] = []
        var seen = Set<GroupID>()
        while let timer = timers.min, timer.at <= now {
            timers.removeMin()
            let id = timer.id
            guard let group = groups[id], group.nextFlush == timer.at, seen.insert(id).inserted else { continue }
            if group.alerts.isEmpty {
                groups[id] = nil
                continue
            }
            let next = now.advanced(by: group.node.groupInterval)
            groups[id]!.nextFlush = next
            groups[id]!.hasFlushed = true
            rescheduled.append(Timer(at: next, id: id))
            flushes.append(
                Flush(
                    id: id, groupKey: group.key, receiver: group.node.receiver, groupLabels: group.labels,
                    alerts: AlertOrdering.sorted(Array(group.alerts.values)), at: now,
                    repeatInterval: group.node.repeatInterval, muteTimeIntervals: group.node.muteTimeIntervals,
                    activeTimeIntervals: group.node.activeTimeIntervals,
                    sendResolvedSilenced: group.node.sendResolvedSilenced))
        }
        // Set after the loop: a zero group_interval must not flush a group twice in one call.
        for timer in rescheduled { timers.insert(timer) }
        return flushes.sorted { $0.groupKey < $1.groupKey }
    }

    /// After a successful notification: removes the flushed alerts that were resolved and have not been updated
    /// since; a group left empty is dropped.
    public mutating func acknowledge(_ flush: Flush) {
        guard var group = groups[flush.id] else { return }
        for alert in flush.alerts where alert.isResolved(at: flush.at) {
            if group.alerts[alert.fingerprint]?.updatedAt == alert.updatedAt {
                group.alerts[alert.fingerprint] = nil
            }
        }
        groups[flush.id] = group.alerts.isEmpty ? nil : group
    }

    /// The groups as the API lists them (`/api/v2/alerts/groups`).
    public func snapshot() -> [(groupKey: String, receiver: String, labels: Labels, alerts: [Alert])] {
        groups.values.sorted { $0.key < $1.key }.map {
            ($0.key, $0.node.receiver, $0.labels, AlertOrdering.sorted(Array($0.alerts.values)))
        }
    }

    static func groupLabels(_ labels: Labels, _ node: RouteTree.Node) -> Labels {
        if node.groupByAll { return labels }
        return Labels(node.groupBy.compactMap { name in labels[name].map { Label(name, $0) } })
    }

    private mutating func routeKey(_ path: [RouteTree.Node]) -> String {
        let nodePath = path.last!.path
        if let key = routeKeys[nodePath] { return key }
        let key = GroupKey.routeKey(path)
        routeKeys[nodePath] = key
        return key
    }
}
