import SteadyModel
import Synchronization

/// A `SteadyStore` in memory, for handler tests.
final class InMemoryStore: SteadyStore {
    private struct State {
        var rollups: [SignalRollup] = []
        var sliBuckets: [SLIBucket] = []
        var events: [Event] = []
        var nextEventID: Int64 = 1
        var tokens: [APIToken] = []
        var settings: [String: String] = [:]
        var tokenLookups = 0
        var touches: [(String, WallInstant)] = []
        var alerts: [AlertFingerprint: Alert] = [:]
        var silences: [String: Silence] = [:]
        var notificationLog: [String: NotificationLogEntry] = [:]
        var outbox: [String: OutboxItem] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// How many times `token(secretHash:)` was called.
    var tokenLookups: Int { state.withLock { $0.tokenLookups } }
    /// Every `touchToken` call, in order.
    var touches: [(String, WallInstant)] { state.withLock { $0.touches } }
    /// Every token as stored.
    var storedTokens: [APIToken] { state.withLock { $0.tokens } }
    var storedEvents: [Event] { state.withLock { $0.events } }

    func mergeRollups(_ rollups: [SignalRollup]) async throws {
        state.withLock { state in
            for rollup in rollups {
                if let index = state.rollups.firstIndex(where: {
                    $0.service == rollup.service && $0.minute == rollup.minute
                }) {
                    state.rollups[index].merge(rollup)
                } else {
                    state.rollups.append(rollup)
                }
            }
        }
    }

    func rollups(service: String, from: WallInstant, to: WallInstant) async throws -> [SignalRollup] {
        state.withLock { state in
            state.rollups.filter { $0.service == service && $0.minute >= from && $0.minute < to }
                .sorted { $0.minute < $1.minute }
        }
    }

    func deleteRollups(before cutoff: WallInstant) async throws -> Int {
        state.withLock { state in
            let before = state.rollups.count
            state.rollups.removeAll { $0.minute < cutoff }
            return before - state.rollups.count
        }
    }

    func mergeSLIBuckets(_ buckets: [SLIBucket]) async throws {
        state.withLock { state in
            for bucket in buckets {
                if let index = state.sliBuckets.firstIndex(where: { $0.slo == bucket.slo && $0.minute == bucket.minute }
                ) {
                    state.sliBuckets[index].good += bucket.good
                    state.sliBuckets[index].total += bucket.total
                } else {
                    state.sliBuckets.append(bucket)
                }
            }
        }
    }

    func sliBuckets(slo: String, from: WallInstant, to: WallInstant) async throws -> [SLIBucket] {
        try await sliBuckets(from: from, to: to).filter { $0.slo == slo }
    }

    func sliBuckets(from: WallInstant, to: WallInstant) async throws -> [SLIBucket] {
        state.withLock { state in
            state.sliBuckets.filter { $0.minute >= from && $0.minute < to }
                .sorted { ($0.minute, $0.slo) < ($1.minute, $1.slo) }
        }
    }

    func deleteSLIBuckets(before cutoff: WallInstant) async throws -> Int {
        state.withLock { state in
            let before = state.sliBuckets.count
            state.sliBuckets.removeAll { $0.minute < cutoff }
            return before - state.sliBuckets.count
        }
    }

    @discardableResult
    func appendEvent(_ event: NewEvent) async throws -> Event {
        state.withLock { state in
            let stored = Event(
                id: state.nextEventID, time: event.time, kind: event.kind, severity: event.severity,
                service: event.service, message: event.message, attributes: event.attributes)
            state.nextEventID += 1
            state.events.append(stored)
            return stored
        }
    }

    func events(_ query: EventQuery) async throws -> [Event] {
        state.withLock { state in
            let matching = state.events.filter { event in
                if let from = query.from, event.time < from { return false }
                if let to = query.to, event.time >= to { return false }
                if let service = query.service, event.service != service { return false }
                if let kind = query.kind {
                    if kind.hasSuffix(".") {
                        if !event.kind.hasPrefix(kind) { return false }
                    } else if event.kind != kind {
                        return false
                    }
                }
                if let before = query.beforeID, event.id >= before { return false }
                return true
            }
            return Array(matching.sorted { ($0.time, $0.id) > ($1.time, $1.id) }.prefix(query.limit))
        }
    }

    func insertToken(_ token: APIToken) async throws {
        state.withLock { $0.tokens.append(token) }
    }

    func token(secretHash: String) async throws -> APIToken? {
        state.withLock { state in
            state.tokenLookups += 1
            return state.tokens.first { $0.secretHash == secretHash }
        }
    }

    func tokens() async throws -> [APIToken] {
        state.withLock { $0.tokens }
    }

    @discardableResult
    func deleteToken(id: String) async throws -> Bool {
        state.withLock { state in
            let before = state.tokens.count
            state.tokens.removeAll { $0.id == id }
            return state.tokens.count < before
        }
    }

    func touchToken(id: String, at instant: WallInstant) async throws {
        state.withLock { state in
            state.touches.append((id, instant))
            if let index = state.tokens.firstIndex(where: { $0.id == id }) { state.tokens[index].lastUsedAt = instant }
        }
    }

    func setting(_ key: String) async throws -> String? {
        state.withLock { $0.settings[key] }
    }

    func setSetting(_ key: String, _ value: String) async throws {
        state.withLock { $0.settings[key] = value }
    }

    func migrate() async throws -> Int { 1 }
    func close() async throws {}

    // MARK: - alert pipeline

    func saveAlerts(_ alerts: [Alert]) async throws {
        state.withLock { state in for alert in alerts { state.alerts[alert.fingerprint] = alert } }
    }

    func alerts() async throws -> [Alert] {
        state.withLock { $0.alerts.values.sorted { $0.startsAt < $1.startsAt } }
    }

    func deleteAlerts(resolvedBefore cutoff: WallInstant) async throws -> Int {
        state.withLock { state in
            let old = state.alerts.filter { $0.value.endsAt < cutoff }.keys
            for key in old { state.alerts[key] = nil }
            return old.count
        }
    }

    func saveSilence(_ silence: Silence) async throws { state.withLock { $0.silences[silence.id] = silence } }

    func silences() async throws -> [Silence] {
        state.withLock { $0.silences.values.sorted { $0.startsAt < $1.startsAt } }
    }

    func deleteSilences(endedBefore cutoff: WallInstant) async throws -> Int {
        state.withLock { state in
            let old = state.silences.filter { $0.value.endsAt < cutoff }.keys
            for key in old { state.silences[key] = nil }
            return old.count
        }
    }

    func saveNotificationLog(_ entries: [NotificationLogEntry]) async throws {
        state.withLock { state in
            for entry in entries { state.notificationLog[entry.receiverKey + "\u{0}" + entry.groupKey] = entry }
        }
    }

    func notificationLog() async throws -> [NotificationLogEntry] {
        state.withLock { Array($0.notificationLog.values) }
    }

    func deleteNotificationLog(expiredBefore cutoff: WallInstant) async throws -> Int {
        state.withLock { state in
            let old = state.notificationLog.filter { $0.value.expiresAt < cutoff }.keys
            for key in old { state.notificationLog[key] = nil }
            return old.count
        }
    }

    func enqueueOutbox(_ items: [OutboxItem]) async throws {
        state.withLock { state in for item in items { state.outbox[item.id] = item } }
    }

    func dueOutboxItems(at instant: WallInstant, limit: Int) async throws -> [OutboxItem] {
        state.withLock { state in
            Array(
                state.outbox.values.filter { $0.state == .pending && $0.nextAttemptAt <= instant }
                    .sorted { ($0.nextAttemptAt, $0.createdAt) < ($1.nextAttemptAt, $1.createdAt) }
                    .prefix(limit))
        }
    }

    func updateOutboxItem(_ item: OutboxItem) async throws {
        state.withLock { if $0.outbox[item.id] != nil { $0.outbox[item.id] = item } }
    }

    func outboxItems(_ query: OutboxQuery) async throws -> [OutboxItem] {
        state.withLock { state in
            Array(
                state.outbox.values
                    .filter { item in
                        (query.receiver.map { item.receiver == $0 } ?? true)
                            && (query.state.map { item.state == $0 } ?? true)
                            && (query.since.map { item.createdAt >= $0 } ?? true)
                    }
                    .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                    .prefix(query.limit))
        }
    }

    func outboxItem(id: String) async throws -> OutboxItem? { state.withLock { $0.outbox[id] } }

    func deleteOutboxItems(finishedBefore cutoff: WallInstant) async throws -> Int {
        state.withLock { state in
            let old = state.outbox.filter { $0.value.state != .pending && $0.value.createdAt < cutoff }.keys
            for key in old { state.outbox[key] = nil }
            return old.count
        }
    }
}
