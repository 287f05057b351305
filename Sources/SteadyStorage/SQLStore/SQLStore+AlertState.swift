import Foundation
import SQLKit
public import SteadyModel
import Synchronization

extension SQLStore {
    private static let chunkSize = 500

    // MARK: - alerts

    /// Journal rows that trigger a compaction within the next ``saveAlerts(_:)``.
    static let alertJournalCompactionThreshold = 16_384
    private static let alertColumns = [
        "fingerprint", "labels", "annotations", "starts_ns", "ends_ns", "updated_ns", "generator_url", "timeout",
    ]

    /// Inserts or replaces alerts by fingerprint, in one transaction.
    ///
    /// The alerts are appended to `alert_journal` (sequential pages, a few per commit) rather than upserted into
    /// `alerts`, whose fingerprint index is random: upserting there dirties about one index page per alert once the
    /// table outgrows a commit. Every ``alertJournalCompactionThreshold`` rows, and before any read of the alerts,
    /// the journal is folded into `alerts` in fingerprint order (the latest row of each fingerprint wins) and
    /// emptied, so each index page is written once per many alerts.
    public func saveAlerts(_ alerts: [Alert]) async throws {
        guard !alerts.isEmpty else { return }
        let rows = alerts.map { alert in
            (
                alert.fingerprint.hex, JSONCoding.object(alert.labels), JSONCoding.object(alert.annotations),
                alert.startsAt.nanosecondsSinceEpoch, alert.endsAt.nanosecondsSinceEpoch,
                alert.updatedAt.nanosecondsSinceEpoch, alert.generatorURL, Int64(alert.timeout ? 1 : 0)
            )
        }
        let compact = alertJournalRows.withLock { count in
            count += rows.count
            guard count >= Self.alertJournalCompactionThreshold else { return false }
            count = 0
            return true
        }
        try await inWriteTransaction("saveAlerts") { database in
            var start = 0
            while start < rows.count {
                let end = min(start + Self.chunkSize, rows.count)
                let insert = database.insert(into: "alert_journal").columns(Self.alertColumns)
                for row in rows[start..<end] {
                    insert.values(row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)
                }
                try await insert.run()
                start = end
            }
            if compact { try await Self.compactAlertJournal(database) }
        }
    }

    /// Folds `alert_journal` into `alerts` (latest row per fingerprint, in fingerprint order) and empties it.
    static func compactAlertJournal(_ database: any SQLDatabase) async throws {
        let columns = alertColumns.joined(separator: ", ")
        let updates = alertColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await database.raw(
            """
            INSERT INTO alerts (\(unsafeRaw: columns))
            SELECT \(unsafeRaw: columns) FROM alert_journal
            WHERE seq IN (SELECT MAX(seq) FROM alert_journal GROUP BY fingerprint)
            ORDER BY fingerprint
            ON CONFLICT (fingerprint) DO UPDATE SET \(unsafeRaw: updates)
            """
        ).run()
        try await database.delete(from: "alert_journal").run()
    }

    /// Compacts the journal (in its own transaction) so `alerts` holds every alert.
    private func compactAlertJournal() async throws {
        try await inWriteTransaction("compactAlertJournal") { database in
            try await Self.compactAlertJournal(database)
        }
        alertJournalRows.withLock { $0 = 0 }
    }

    public func alerts() async throws -> [Alert] {
        try await compactAlertJournal()
        return try await withDatabase("alerts") { database in
            try await database.select()
                .columns("labels", "annotations", "starts_ns", "ends_ns", "updated_ns", "generator_url", "timeout")
                .from("alerts")
                .orderBy("starts_ns")
                .all()
                .map { row in
                    Alert(
                        labels: try JSONCoding.decode(Labels.self, row.decode(column: "labels", as: String.self)),
                        annotations: try JSONCoding.decode(
                            Labels.self, row.decode(column: "annotations", as: String.self)),
                        startsAt: WallInstant(
                            nanosecondsSinceEpoch: try row.decode(column: "starts_ns", as: Int64.self)),
                        endsAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "ends_ns", as: Int64.self)),
                        generatorURL: try row.decode(column: "generator_url", as: String.self),
                        updatedAt: WallInstant(
                            nanosecondsSinceEpoch: try row.decode(column: "updated_ns", as: Int64.self)),
                        timeout: try row.decode(column: "timeout", as: Int64.self) != 0)
                }
        }
    }

    @discardableResult
    public func deleteAlerts(resolvedBefore cutoff: WallInstant) async throws -> Int {
        let deleted = try await inWriteTransaction("deleteAlerts") { database in
            try await Self.compactAlertJournal(database)
            return try await database.delete(from: "alerts")
                .where("ends_ns", .lessThan, cutoff.nanosecondsSinceEpoch)
                .returning("fingerprint")
                .all()
                .count
        }
        alertJournalRows.withLock { $0 = 0 }
        return deleted
    }

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
    /// A label set as a JSON object with keys in order (`Labels` are sorted), written directly: the alert intake
    /// path stores two per alert, and JSONEncoder dominated its profile.
    /// A JSON object of the labels, written byte by byte (the alert intake calls this for every label set).
    static func object(_ labels: Labels) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(labels.reduce(2) { $0 + $1.name.utf8.count + $1.value.utf8.count + 6 })
        out.append(UInt8(ascii: "{"))
        for (index, label) in labels.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendQuoted(label.name, to: &out)
            out.append(UInt8(ascii: ":"))
            appendQuoted(label.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                    hex[Int(byte & 0xF)],
                ])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

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
