/// Storage contracts. SteadyStorage implements them over SQL (SQLite by default, PostgreSQL later); feature
/// modules depend only on these protocols. One contract test suite runs against every engine.

/// Golden-signal rollups, one row per service and minute.
public protocol SignalRollupStore: Sendable {
    /// Inserts rollups, merging (adding) into an existing row for the same service and minute.
    func mergeRollups(_ rollups: [SignalRollup]) async throws
    /// Rollups of `service` with `from <= minute < to`, oldest first.
    func rollups(service: String, from: WallInstant, to: WallInstant) async throws -> [SignalRollup]
    /// Deletes rollups older than `cutoff`; returns how many were deleted.
    @discardableResult
    func deleteRollups(before cutoff: WallInstant) async throws -> Int
}

/// SLI buckets: good and total events per SLO and minute.
public protocol SLIBucketStore: Sendable {
    /// Inserts buckets, adding into an existing row for the same SLO and minute.
    func mergeSLIBuckets(_ buckets: [SLIBucket]) async throws
    /// Buckets of `slo` with `from <= minute < to`, oldest first.
    func sliBuckets(slo: String, from: WallInstant, to: WallInstant) async throws -> [SLIBucket]
    /// Buckets of every SLO with `from <= minute < to`, ordered by minute.
    func sliBuckets(from: WallInstant, to: WallInstant) async throws -> [SLIBucket]
    /// Deletes buckets older than `cutoff`; returns how many were deleted.
    @discardableResult
    func deleteSLIBuckets(before cutoff: WallInstant) async throws -> Int
}

/// The append-only event log.
public protocol EventStore: Sendable {
    @discardableResult
    func appendEvent(_ event: NewEvent) async throws -> Event
    func events(_ query: EventQuery) async throws -> [Event]
}

/// API tokens (hashed).
public protocol TokenStore: Sendable {
    func insertToken(_ token: APIToken) async throws
    func token(secretHash: String) async throws -> APIToken?
    func tokens() async throws -> [APIToken]
    /// Returns whether a token was deleted.
    @discardableResult
    func deleteToken(id: String) async throws -> Bool
    func touchToken(id: String, at instant: WallInstant) async throws
}

extension AlertStateStore {
    public func saveAlerts(_ alerts: [Alert], replacing: Int) async throws {
        try await saveAlerts(alerts)
    }
}

/// Small key/value settings that must survive restarts (e.g. "demo history backfilled up to").
public protocol SettingStore: Sendable {
    func setting(_ key: String) async throws -> String?
    func setSetting(_ key: String, _ value: String) async throws
}

/// The alert pipeline's durable state: alerts, silences and the notification log. Writes return once durable.
public protocol AlertStateStore: Sendable {
    /// Inserts or replaces alerts by fingerprint.
    func saveAlerts(_ alerts: [Alert]) async throws
    /// ``saveAlerts(_:)`` from a caller that knows how many of `alerts` replace a stored version (the rest are new
    /// fingerprints): a store that keeps superseded versions until it compacts uses it to compact only when there
    /// is something to reclaim. Defaults to ``saveAlerts(_:)``.
    func saveAlerts(_ alerts: [Alert], replacing: Int) async throws
    func alerts() async throws -> [Alert]
    /// Deletes alerts resolved before `cutoff`; returns how many were deleted.
    @discardableResult
    func deleteAlerts(resolvedBefore cutoff: WallInstant) async throws -> Int

    /// Inserts or replaces a silence by id.
    func saveSilence(_ silence: Silence) async throws
    func silences() async throws -> [Silence]
    /// Deletes silences that ended before `cutoff`; returns how many were deleted.
    @discardableResult
    func deleteSilences(endedBefore cutoff: WallInstant) async throws -> Int

    /// Inserts or replaces entries by receiver key and group key.
    func saveNotificationLog(_ entries: [NotificationLogEntry]) async throws
    func notificationLog() async throws -> [NotificationLogEntry]
    @discardableResult
    func deleteNotificationLog(expiredBefore cutoff: WallInstant) async throws -> Int
}

/// The notification outbox and history.
public protocol OutboxStore: Sendable {
    /// Inserts new items (ids are unique).
    func enqueueOutbox(_ items: [OutboxItem]) async throws
    /// Pending items with `nextAttemptAt <= instant`, oldest first.
    func dueOutboxItems(at instant: WallInstant, limit: Int) async throws -> [OutboxItem]
    /// Records an attempt of the item with this id: its state, attempts, next and last attempt times, last error and
    /// last status (what was enqueued — the notification, receiver and dedup key — does not change).
    func updateOutboxItem(_ item: OutboxItem) async throws
    /// History, newest first.
    func outboxItems(_ query: OutboxQuery) async throws -> [OutboxItem]
    func outboxItem(id: String) async throws -> OutboxItem?
    /// Deletes delivered or failed items created before `cutoff`.
    @discardableResult
    func deleteOutboxItems(finishedBefore cutoff: WallInstant) async throws -> Int
}

/// Everything a Steady server persists.
public protocol SteadyStore: SignalRollupStore, SLIBucketStore, EventStore, TokenStore, SettingStore, AlertStateStore,
    OutboxStore
{
    /// Applies pending migrations; returns the schema version afterwards.
    @discardableResult
    func migrate() async throws -> Int
    func close() async throws
    /// Stores one flush of the alert pipeline: its outbox items and notification log entries, atomically where the
    /// engine can (a crash between the two must not leave a logged notification unsent).
    func recordFlush(outbox items: [OutboxItem], log entries: [NotificationLogEntry]) async throws
}

extension SteadyStore {
    /// Two separate writes (stores without transactions); ``SteadyStore/recordFlush(outbox:log:)`` in SQLStore is one.
    public func recordFlush(outbox items: [OutboxItem], log entries: [NotificationLogEntry]) async throws {
        try await enqueueOutbox(items)
        try await saveNotificationLog(entries)
    }
}
