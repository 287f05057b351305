import Foundation
import Logging
import SteadyAPI
import SteadyAlerting
import SteadyConfig
import SteadyModel

/// The alert pipeline's live state: every alert Steady holds, the aggregation groups, the notification log,
/// silences, inhibition and time intervals. Accepted alerts are written to the store before ``post(_:)`` returns; a flush enqueues its
/// notifications in the durable outbox and logs them before the groups move on. Restarts reload everything.
actor AlertPipeline {
    let store: any SteadyStore
    let clock: any WallClock
    private let logger: Logger
    private var configuration: AlertingConfiguration
    private var integrations: [String: [ReceiverIntegration]]
    private var groups: AggregationGroups
    var alerts: [AlertFingerprint: Alert] = [:]
    private var log: [String: NotificationLogEntry] = [:]
    private var silencer = Silencer()
    private var inhibitor: Inhibitor
    private var schedule: TimeIntervalSchedule
    /// Recurring maintenance windows by id, with their parsed schedules.
    private var maintenance: [String: (window: MaintenanceWindow, schedule: TimeIntervalSet)] = [:]
    static let maintenanceSettingKey = "alerting.maintenance_windows"
    private var pendingWrites: [Alert] = []
    private var pendingWaiters: [CheckedContinuation<Void, any Error>] = []
    /// How many of `pendingWrites` replace a stored version (a compaction hint for the store).
    private var pendingReplacing = 0
    private var writing = false
    private var externalURL: String
    private var loaded = false
    private var loading: Task<Void, any Error>?
    /// Signalled when groups may have become due earlier than the dispatch loop is sleeping for.
    private var wakeDispatch: (@Sendable () -> Void)?
    /// Hands fresh outbox items to the outbox service for their first attempt, with the gate their commit opens.
    private var handOff: (@Sendable ([OutboxItem], CommitGate) -> Void)?
    /// Flushes whose notifications went to the outbox and whose transaction is still to come (or under way).
    private var plannedFlushes: [PlannedFlush] = []
    /// Alertmanager's `--data.retention`.
    let retention: Duration = .seconds(120 * 3600)

    init(
        configuration: AlertingConfiguration, externalURL: String, store: any SteadyStore, clock: any WallClock,
        logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.configuration = configuration
        self.externalURL = externalURL
        self.integrations = Self.integrations(configuration)
        self.groups = AggregationGroups(tree: RouteTree(root: configuration.route))
        self.inhibitor = Inhibitor(rules: configuration.inhibitRules)
        self.schedule = TimeIntervalSchedule(configuration.timeIntervals)
    }

    func setWakers(
        dispatch: @escaping @Sendable () -> Void, outbox: @escaping @Sendable ([OutboxItem], CommitGate) -> Void
    ) {
        wakeDispatch = dispatch
        handOff = outbox
    }

    /// Loads alerts, silences and the notification log; re-routes every alert (groups start over with
    /// `group_wait`, and the log keeps receivers from being told twice).
    /// Idempotent; every entry point awaits it, so nothing is served or accepted before the stored state is back.
    func load() async throws {
        if loaded { return }
        if let loading { return try await loading.value }
        let task = Task { try await self.loadFromStore() }
        loading = task
        do {
            try await task.value
        } catch {
            loading = nil
            throw error
        }
    }

    private func loadFromStore() async throws {
        guard !loaded else { return }
        let now = clock.now
        for alert in try await store.alerts() {
            alerts[alert.fingerprint] = alert
            groups.insert(alert, now: now)
            inhibitor.observe(alert)
        }
        for silence in try await store.silences() { silencer.upsert(silence) }
        if let text = try await store.setting(Self.maintenanceSettingKey) {
            for window in try JSONDecoder().decode([MaintenanceWindow].self, from: Data(text.utf8)) {
                do {
                    maintenance[window.id] = (
                        window, try MaintenanceWindowParser.timeIntervals(window.timeIntervalsJSON, name: window.id)
                    )
                } catch {
                    logger.error(
                        "stored maintenance window no longer parses; ignored",
                        metadata: ["id": "\(window.id)", "error": "\(error)"])
                }
            }
        }
        for entry in try await store.notificationLog() { log[Self.logKey(entry.receiverKey, entry.groupKey)] = entry }
        loaded = true
        logger.info(
            "alert pipeline loaded",
            metadata: [
                "alerts": "\(alerts.count)", "silences": "\(silencer.index.count)", "groups": "\(groups.groupCount)",
            ])
    }

    /// Sets the URL notifications link back to (once the listening port is known, without `server.external_url`).
    func setExternalURL(_ url: String) { externalURL = url }

    /// Applies a new configuration: groups are rebuilt from the current alerts (as Alertmanager does on reload).
    func apply(_ configuration: AlertingConfiguration, externalURL: String) {
        guard configuration != self.configuration || externalURL != self.externalURL else { return }
        self.configuration = configuration
        self.externalURL = externalURL
        integrations = Self.integrations(configuration)
        groups = AggregationGroups(tree: RouteTree(root: configuration.route))
        inhibitor = Inhibitor(rules: configuration.inhibitRules)
        schedule = TimeIntervalSchedule(configuration.timeIntervals)
        let now = clock.now
        for alert in alerts.values {
            groups.insert(alert, now: now)
            inhibitor.observe(alert)
        }
        wakeDispatch?()
    }

    var resolveTimeout: Duration { configuration.resolveTimeout }
    var currentConfiguration: AlertingConfiguration { configuration }

    // MARK: - intake

    /// Validates, merges and stores `posted` (durably), then routes the accepted alerts.
    func post(_ posted: [PostableAlert]) async throws -> AlertIntake.Outcome {
        try await load()
        let now = clock.now
        var outcome = AlertIntake.prepare(posted, now: now, resolveTimeout: configuration.resolveTimeout)
        try await ingest(&outcome.accepted, now: now)
        return outcome
    }

    /// Stores and routes alerts that are already valid (Steady's own SLO alerts, PagerDuty events, heartbeats).
    func ingest(_ incoming: [Alert]) async throws {
        try await load()
        var incoming = incoming
        try await ingest(&incoming, now: clock.now)
    }

    private func ingest(_ incoming: inout [Alert], now: WallInstant) async throws {
        guard !incoming.isEmpty else { return }
        var merged: [AlertFingerprint: Alert] = [:]
        merged.reserveCapacity(incoming.count)
        for alert in incoming {
            let fingerprint = alert.fingerprint
            merged[fingerprint] = AlertIntake.resolve(
                existing: merged[fingerprint] ?? alerts[fingerprint], incoming: alert)
        }
        // Later requests merge against this state at once; the caller hears back only once it is durable.
        let deadlineBefore = groups.nextDeadline
        var due = false
        var batch: [Alert] = []
        batch.reserveCapacity(merged.count)
        var replacing = 0
        for (fingerprint, alert) in merged {
            if alerts.updateValue(alert, forKey: fingerprint) != nil { replacing += 1 }
            due = groups.insert(alert, fingerprint: fingerprint, now: now) || due
            inhibitor.observe(alert)
            batch.append(alert)
        }
        incoming = batch
        // A group due at once (`group_wait: 0s`, or alerts that started longer than `group_wait` ago) is planned
        // here and its notifications go to the outbox now; the dispatch loop stores the flush. Notifying about an
        // alert whose commit then fails is harmless (the sender gets an error and sends the alert again).
        // The dispatch loop sleeps until the earliest timer: it needs waking only for flushes planned here or a timer
        // earlier than the one it sleeps for (not for every request: that was a task wake-up and an actor hop each).
        // It is woken after the commit: woken now, it would store the planned flush on this thread (the actor runs
        // where its caller is) ahead of the notification's first attempt.
        let earlierTimer =
            switch (deadlineBefore, groups.nextDeadline) {
            case (let before?, let after?): after < before
            case (nil, .some): true
            default: false
            }
        defer { if due || earlierTimer { wakeDispatch?() } }
        if due {
            planDueFlushes(at: now)
            // A notification handed over on this event loop is attempted before the alerts' commit is prepared.
            await Task.yield()
        }
        try await persist(batch, replacing: replacing)
    }

    /// Group commit: the first writer stores its batch and, while it waits on the store, later batches queue up and
    /// go together in the next transaction. Each caller returns once its own alerts are committed.
    private func persist(_ batch: [Alert], replacing: Int) async throws {
        pendingWrites.append(contentsOf: batch)
        pendingReplacing += replacing
        if writing {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                pendingWaiters.append(continuation)
            }
            return
        }
        writing = true
        defer { writing = false }
        var ownResult: Result<Void, any Error>?
        while !pendingWrites.isEmpty {
            let writes = pendingWrites
            let waiters = pendingWaiters
            let replacing = pendingReplacing
            pendingWrites = []
            pendingWaiters = []
            pendingReplacing = 0
            let result: Result<Void, any Error>
            do {
                try await store.saveAlerts(writes, replacing: replacing)
                result = .success(())
            } catch {
                logger.error("storing alerts failed", metadata: ["alerts": "\(writes.count)", "error": "\(error)"])
                result = .failure(error)
            }
            if ownResult == nil { ownResult = result }
            for waiter in waiters { waiter.resume(with: result) }
        }
        try ownResult?.get()
    }

    // MARK: - queries

    func allAlerts() async -> [Alert] {
        try? await load()
        return Array(alerts.values)
    }

    func groupSnapshot() -> [(groupKey: String, receiver: String, labels: Labels, alerts: [Alert])] {
        groups.snapshot()
    }

    /// The receivers an alert routes to.
    func receivers(for labels: Labels) -> [String] {
        var seen: [String] = []
        for node in groups.tree.match(labels) where !seen.contains(node.receiver) { seen.append(node.receiver) }
        return seen
    }

    func activeSilences(for labels: Labels, at now: WallInstant) -> [String] {
        silencer.index.status(of: labels, at: now).activeIDs
    }

    /// The fingerprints of the alerts inhibiting `labels` (Alertmanager reports at most one).
    func inhibitingAlerts(for labels: Labels, at now: WallInstant) -> [String] {
        inhibitor.inhibitingAlert(for: labels, at: now).map { [$0.hex] } ?? []
    }

    func allSilences() async -> [Silence] {
        try? await load()
        return silencer.index.silences
    }

    func silence(id: String) -> Silence? { silencer.index[id] }

    /// Stores a silence (create or update) durably and re-evaluates groups.
    func saveSilence(_ silence: Silence) async throws {
        try await store.saveSilence(silence)
        silencer.upsert(silence)
    }

    // MARK: - dispatch

    var nextDeadline: WallInstant? { groups.nextDeadline }

    /// Flushes every due group: notifications go to the outbox and the log, durably, before the groups forget
    /// resolved alerts. A storage failure leaves the group to retry at its next interval.
    ///
    /// Each flush hands its items to the outbox before its transaction, so the first attempt overlaps the commit;
    /// the outbox stores the attempt's result only once the commit is done (``CommitGate``). A notification is thus
    /// sent at least once: a failed commit (or a crash before it) means the group flushes, and sends, again.
    func flushDue() async {
        planDueFlushes(at: clock.now)
        await recordPlannedFlushes()
    }

    /// Plans every group due at `now` and hands the notifications to the outbox at once; the flushes wait in
    /// ``plannedFlushes`` until ``recordPlannedFlushes()`` stores them. Synchronous, so intake can notify without a
    /// hop through the dispatch loop. A group is planned once: ``AggregationGroups/due(at:)`` moves its timer on.
    private func planDueFlushes(at now: WallInstant) {
        for flush in groups.due(at: now) {
            // Alertmanager's mute stages: inhibition first, then silences.
            var muted = Set<AlertFingerprint>()
            for alert in flush.alerts {
                let fingerprint = alert.fingerprint
                if inhibitor.isInhibited(alert.labels, at: now)
                    || silencer.mutes(alert.labels, fingerprint: fingerprint, at: now)
                    || !maintenanceWindows(muting: alert.labels, at: now).isEmpty
                {
                    muted.insert(fingerprint)
                }
            }
            let schedule = schedule
            let plan = NotificationStage.plan(
                flush, integrations: integrations[flush.receiver] ?? [],
                isMuted: { alert in muted.contains(alert.fingerprint) },
                isInInterval: { name in schedule.contains(now, inAnyOf: [name]) },
                logEntry: { [log] key in log[Self.logKey(key, flush.groupKey)] },
                retention: retention)
            let items = plan.sends.map { send in
                OutboxItem(
                    id: UUID.randomLowercased(), receiver: send.integration.receiver,
                    integration: send.integration.kind, integrationIndex: send.integration.index,
                    dedupKey: Self.dedupKey(flush, send.integration, now: now),
                    notification: AlertNotification(
                        receiver: send.integration.receiver, groupKey: flush.groupKey, groupLabels: flush.groupLabels,
                        alerts: send.alerts, flushedAt: now, externalURL: externalURL),
                    createdAt: now, nextAttemptAt: now)
            }
            let committed = CommitGate()
            if !items.isEmpty { handOff?(items, committed) }
            plannedFlushes.append(PlannedFlush(flush: flush, plan: plan, items: items, committed: committed))
        }
    }

    /// Stores the planned flushes (outbox items and notification log in one transaction each), then lets their
    /// groups forget what they notified. Each flush is taken off the list before its commit, so concurrent calls
    /// store each one once.
    private func recordPlannedFlushes() async {
        while !plannedFlushes.isEmpty {
            let planned = plannedFlushes.removeFirst()
            do {
                try await store.recordFlush(outbox: planned.items, log: planned.plan.logEntries)
                planned.committed.open(committed: true)
            } catch {
                planned.committed.open(committed: false)
                logger.error(
                    "could not persist notifications; the group retries at its next interval",
                    metadata: ["group": "\(planned.flush.groupKey)", "error": "\(error)"])
                continue
            }
            for entry in planned.plan.logEntries { log[Self.logKey(entry.receiverKey, entry.groupKey)] = entry }
            groups.acknowledge(planned.flush)
            if let skipped = planned.plan.skipped {
                logger.debug(
                    "flush sent nothing", metadata: ["group": "\(planned.flush.groupKey)", "reason": "\(skipped)"])
            }
        }
    }

    /// Forgets alerts resolved before `cutoff` and expired log entries and silences (memory and store).
    func collectGarbage(resolvedBefore cutoff: WallInstant) async {
        let now = clock.now
        do {
            try await load()
            // The store holds the latest version of the alerts in memory: when none of them ended before the cutoff
            // there is nothing to delete, and compacting would only rewrite the live alerts.
            if alerts.values.contains(where: { $0.endsAt < cutoff }) {
                try await store.deleteAlerts(resolvedBefore: cutoff)
            }
            try await store.deleteNotificationLog(expiredBefore: now)
            try await store.deleteSilences(endedBefore: now.advanced(by: .zero - retention))
        } catch {
            logger.warning("alert garbage collection failed", metadata: ["error": "\(error)"])
            return
        }
        for (fingerprint, alert) in alerts where alert.endsAt < cutoff {
            alerts[fingerprint] = nil
            inhibitor.remove(fingerprint)
            silencer.forget(fingerprint)
        }
        log = log.filter { $0.value.expiresAt >= now }
        _ = silencer.removeSilences(endedBefore: now.advanced(by: .zero - retention))
    }

    // MARK: - helpers

    static func logKey(_ receiverKey: String, _ groupKey: String) -> String { receiverKey + "\u{0}" + groupKey }

    /// Stable for one group, integration and notification: a receiver seeing the same key twice got a retry.
    static func dedupKey(
        _ flush: AggregationGroups.Flush, _ integration: ReceiverIntegration, now: WallInstant
    )
        -> String
    {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in "\(integration.key)\u{0}\(flush.groupKey)\u{0}\(now.nanosecondsSinceEpoch)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func integrations(_ configuration: AlertingConfiguration) -> [String: [ReceiverIntegration]] {
        var result: [String: [ReceiverIntegration]] = [:]
        for receiver in configuration.receivers {
            result[receiver.name] = ReceiverIntegrations.list(receiver)
        }
        return result
    }
}

extension AlertPipeline {
    /// Every alert with its receivers and the silences muting it, for the API.
    func alertStates(at now: WallInstant) async -> [AlertAccess.AlertState] {
        try? await load()
        return alerts.values.map { state($0, at: now) }
    }

    func groupStates(at now: WallInstant) async -> [AlertAccess.Group] {
        try? await load()
        return groupSnapshot().map { group in
            AlertAccess.Group(
                labels: group.labels, receiver: group.receiver, alerts: group.alerts.map { state($0, at: now) })
        }
    }

    private func state(_ alert: Alert, at now: WallInstant) -> AlertAccess.AlertState {
        AlertAccess.AlertState(
            alert: alert, receivers: receivers(for: alert.labels),
            silencedBy: activeSilences(for: alert.labels, at: now)
                + maintenanceWindows(muting: alert.labels, at: now).map { "maintenance/\($0)" },
            inhibitedBy: inhibitingAlerts(for: alert.labels, at: now))
    }
}

extension AlertPipeline {
    /// Applies a PagerDuty Events v2 event; returns the dedup key or PagerDuty-style errors.
    func pagerDuty(_ event: PagerDutyEvent, caller: String) async throws -> Result<String, PagerDutyIntake.Failure> {
        try await load()
        let now = clock.now
        switch PagerDutyIntake.action(event, now: now, newDedupKey: { UUID.randomLowercased() }) {
        case .failure(let failure):
            return .failure(failure)
        case .success(.trigger(let alert)):
            try await ingest([alert])
            return .success(alert.labels["dedup_key"] ?? "")
        case .success(.resolve(let key)):
            let matching = alerts.values.filter {
                $0.labels["alertname"] == PagerDutyIntake.alertName && $0.labels["dedup_key"] == key
                    && !$0.isResolved(at: now)
            }
            try await ingest(
                matching.map { alert in
                    var resolved = alert
                    resolved.endsAt = now
                    resolved.updatedAt = now
                    return resolved
                })
            return .success(key)
        case .success(.acknowledge(let key)):
            try await store.appendEvent(
                NewEvent(
                    time: now, kind: "alert.acknowledged", message: "PagerDuty event \(key) acknowledged by \(caller)",
                    attributes: ["dedup_key": key, "by": caller]))
            return .success(key)
        }
    }
}

extension AlertPipeline {
    /// Creates or updates a silence with Alertmanager's rules (``SilenceEditor``); stored durably before it returns.
    func saveSilence(_ posted: PostableSilence) async throws -> AlertAccess.SilenceOutcome {
        try await load()
        let write: SilenceEditor.Write
        do {
            write = try SilenceEditor.set(
                posted, existing: posted.id.flatMap { silencer.index[$0] }, now: clock.now,
                newID: { UUID.randomLowercased() })
        } catch {
            return error.isNotFound ? .notFound(error.message) : .invalid(error.message)
        }
        for silence in write.writes { try await saveSilence(silence) }
        wakeDispatch?()
        return .saved(id: write.id)
    }

    /// Expires a silence now; expiring an expired silence succeeds and changes nothing (Alertmanager 0.25).
    func expireSilence(id: String) async throws -> AlertAccess.SilenceOutcome {
        try await load()
        let expired: Silence?
        do {
            expired = try SilenceEditor.expire(id: id, existing: silencer.index[id], now: clock.now)
        } catch {
            return error.isNotFound ? .notFound(error.message) : .invalid(error.message)
        }
        if let expired {
            try await saveSilence(expired)
            wakeDispatch?()
        }
        return .saved(id: id)
    }
}

extension AlertPipeline {
    /// The ids of the maintenance windows muting `labels` at `now`.
    func maintenanceWindows(muting labels: Labels, at now: WallInstant) -> [String] {
        maintenance.values.filter { entry in
            !entry.window.hasEnded(at: now) && entry.window.matches(labels) && entry.schedule.contains(now)
        }.map(\.window.id).sorted()
    }

    /// Every maintenance window, oldest first, and whether it mutes right now.
    func maintenanceWindows(at now: WallInstant) async -> [(window: MaintenanceWindow, activeNow: Bool)] {
        try? await load()
        return maintenance.values.sorted { ($0.window.createdAt, $0.window.id) < ($1.window.createdAt, $1.window.id) }
            .map { ($0.window, !$0.window.hasEnded(at: now) && $0.schedule.contains(now)) }
    }

    /// Stores a new window (durably, before it returns) and applies it from the next flush.
    func addMaintenanceWindow(_ window: MaintenanceWindow, schedule: TimeIntervalSet) async throws {
        try await load()
        var next = maintenance
        next[window.id] = (window, schedule)
        try await persistMaintenance(next)
        maintenance = next
        wakeDispatch?()
    }

    /// Deletes a window; false when there is none with `id`.
    func deleteMaintenanceWindow(id: String) async throws -> Bool {
        try await load()
        guard maintenance[id] != nil else { return false }
        var next = maintenance
        next[id] = nil
        try await persistMaintenance(next)
        maintenance = next
        wakeDispatch?()
        return true
    }

    private func persistMaintenance(
        _ windows: [String: (window: MaintenanceWindow, schedule: TimeIntervalSet)]
    )
        async throws
    {
        let list = windows.values.map(\.window).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        let data = try JSONEncoder().encode(list)
        try await store.setSetting(Self.maintenanceSettingKey, String(decoding: data, as: UTF8.self))
    }
}
