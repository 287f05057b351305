import Foundation
import SQLKit
public import SteadyModel
import Synchronization

extension SQLStore {
    // MARK: - silences

    public func saveSilence(_ silence: Silence) async throws {
        let matchers = try JSONCoding.string(silence.matchers)
        try await inWriteTransaction("saveSilence") { database in
            try await database.insert(into: "silences")
                .columns("id", "matchers", "starts_ns", "ends_ns", "updated_ns", "created_by", "comment")
                .values(
                    silence.id, matchers, silence.startsAt.nanosecondsSinceEpoch, silence.endsAt.nanosecondsSinceEpoch,
                    silence.updatedAt.nanosecondsSinceEpoch, silence.createdBy, silence.comment
                )
                .onConflict(with: ["id"]) { update in
                    update.set(excludedValueOf: "matchers").set(excludedValueOf: "starts_ns")
                        .set(excludedValueOf: "ends_ns").set(excludedValueOf: "updated_ns")
                        .set(excludedValueOf: "created_by").set(excludedValueOf: "comment")
                }
                .run()
        }
    }

    public func silences() async throws -> [Silence] {
        try await withDatabase("silences") { database in
            try await database.select()
                .columns("id", "matchers", "starts_ns", "ends_ns", "updated_ns", "created_by", "comment")
                .from("silences")
                .orderBy("starts_ns")
                .all()
                .map { row in
                    Silence(
                        id: try row.decode(column: "id", as: String.self),
                        matchers: try JSONCoding.decode(
                            [LabelMatcher].self, row.decode(column: "matchers", as: String.self)),
                        startsAt: WallInstant(
                            nanosecondsSinceEpoch: try row.decode(column: "starts_ns", as: Int64.self)),
                        endsAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "ends_ns", as: Int64.self)),
                        updatedAt: WallInstant(
                            nanosecondsSinceEpoch: try row.decode(column: "updated_ns", as: Int64.self)),
                        createdBy: try row.decode(column: "created_by", as: String.self),
                        comment: try row.decode(column: "comment", as: String.self))
                }
        }
    }

    @discardableResult
    public func deleteSilences(endedBefore cutoff: WallInstant) async throws -> Int {
        try await withDatabase("deleteSilences") { database in
            try await database.delete(from: "silences")
                .where("ends_ns", .lessThan, cutoff.nanosecondsSinceEpoch)
                .returning("id")
                .all()
                .count
        }
    }

    // MARK: - notification log

    public func saveNotificationLog(_ entries: [NotificationLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        let rows = try Self.notificationLogRows(entries)
        try await inWriteTransaction("saveNotificationLog") { database in
            try await Self.upsertNotificationLog(rows, on: database)
        }
    }

    /// The outbox items and the log entries of one flush in one transaction.
    public func recordFlush(outbox items: [OutboxItem], log entries: [NotificationLogEntry]) async throws {
        guard !items.isEmpty || !entries.isEmpty else { return }
        let outboxRows = try items.map(Self.outboxRow(_:))
        let logRows = try Self.notificationLogRows(entries)
        try await inWriteTransaction("recordFlush") { database in
            if !outboxRows.isEmpty {
                let insert = database.insert(into: "outbox").columns(Self.outboxColumns)
                for row in outboxRows { insert.values(row) }
                try await insert.run()
            }
            try await Self.upsertNotificationLog(logRows, on: database)
        }
    }

    private typealias NotificationLogRow = (String, String, String, String, Int64, Int64)

    private static func notificationLogRows(_ entries: [NotificationLogEntry]) throws -> [NotificationLogRow] {
        try entries.map { entry in
            (
                entry.receiverKey, entry.groupKey, try JSONCoding.string(entry.firing.map(\.hex).sorted()),
                try JSONCoding.string(entry.resolved.map(\.hex).sorted()), entry.timestamp.nanosecondsSinceEpoch,
                entry.expiresAt.nanosecondsSinceEpoch
            )
        }
    }

    private static func upsertNotificationLog(_ rows: [NotificationLogRow], on database: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let insert = database.insert(into: "notification_log").columns(
            "receiver_key", "group_key", "firing", "resolved", "timestamp_ns", "expires_ns")
        for row in rows { insert.values(row.0, row.1, row.2, row.3, row.4, row.5) }
        try await insert.onConflict(with: ["receiver_key", "group_key"]) { update in
            update.set(excludedValueOf: "firing").set(excludedValueOf: "resolved")
                .set(excludedValueOf: "timestamp_ns").set(excludedValueOf: "expires_ns")
        }.run()
    }

    public func notificationLog() async throws -> [NotificationLogEntry] {
        try await withDatabase("notificationLog") { database in
            try await database.select()
                .columns("receiver_key", "group_key", "firing", "resolved", "timestamp_ns", "expires_ns")
                .from("notification_log")
                .all()
                .map { row in
                    NotificationLogEntry(
                        receiverKey: try row.decode(column: "receiver_key", as: String.self),
                        groupKey: try row.decode(column: "group_key", as: String.self),
                        firing: try Self.fingerprints(row.decode(column: "firing", as: String.self)),
                        resolved: try Self.fingerprints(row.decode(column: "resolved", as: String.self)),
                        timestamp: WallInstant(
                            nanosecondsSinceEpoch: try row.decode(column: "timestamp_ns", as: Int64.self)),
                        expiresAt: WallInstant(
                            nanosecondsSinceEpoch: try row.decode(column: "expires_ns", as: Int64.self)))
                }
        }
    }

    @discardableResult
    public func deleteNotificationLog(expiredBefore cutoff: WallInstant) async throws -> Int {
        try await withDatabase("deleteNotificationLog") { database in
            try await database.delete(from: "notification_log")
                .where("expires_ns", .lessThan, cutoff.nanosecondsSinceEpoch)
                .returning("group_key")
                .all()
                .count
        }
    }

    private static func fingerprints(_ json: String) throws -> Set<AlertFingerprint> {
        Set(try JSONCoding.decode([AlertFingerprint].self, json))
    }
}

/// JSON columns: sorted keys so equal values store equal text.
enum JSONCoding {
    static func string(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StorageError.invalidData("value cannot be encoded as JSON: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch {
            throw StorageError.invalidData("stored JSON is not a \(T.self): \(error)")
        }
    }
}
