import SQLKit
public import SteadyModel

extension SQLStore {
    static let outboxColumns = [
        "id", "receiver", "integration", "integration_index", "dedup_key", "notification", "state", "attempts",
        "created_ns", "next_attempt_ns", "last_attempt_ns", "last_error", "last_status",
    ]

    /// Inserts new items in one transaction.
    public func enqueueOutbox(_ items: [OutboxItem]) async throws {
        guard !items.isEmpty else { return }
        let rows = try items.map(Self.outboxRow(_:))
        try await inWriteTransaction("enqueueOutbox") { database in
            let insert = database.insert(into: "outbox").columns(Self.outboxColumns)
            for row in rows { insert.values(row) }
            try await insert.run()
        }
    }

    public func dueOutboxItems(at instant: WallInstant, limit: Int) async throws -> [OutboxItem] {
        try await withDatabase("dueOutboxItems") { database in
            try await database.select()
                .columns(Self.outboxColumns.map { SQLIdentifier($0) })
                .from("outbox")
                .where("state", .equal, OutboxItem.State.pending.rawValue)
                .where("next_attempt_ns", .lessThanOrEqual, instant.nanosecondsSinceEpoch)
                .orderBy("next_attempt_ns").orderBy("created_ns")
                .limit(limit)
                .all()
                .map(Self.outboxItem(from:))
        }
    }

    /// One UPDATE of the attempt's fields (a single statement needs no explicit transaction): the notification, its
    /// receiver and dedup key never change after the item is enqueued, so they are neither re-encoded nor rewritten.
    public func updateOutboxItem(_ item: OutboxItem) async throws {
        try await withDatabase("updateOutboxItem") { database in
            try await database.update("outbox")
                .set("state", to: item.state.rawValue)
                .set("attempts", to: Int64(item.attempts))
                .set("next_attempt_ns", to: item.nextAttemptAt.nanosecondsSinceEpoch)
                .set("last_attempt_ns", to: item.lastAttemptAt?.nanosecondsSinceEpoch)
                .set("last_error", to: item.lastError)
                .set("last_status", to: item.lastStatus.map(Int64.init))
                .where("id", .equal, item.id)
                .run()
        }
    }

    public func outboxItems(_ query: OutboxQuery) async throws -> [OutboxItem] {
        try await withDatabase("outboxItems") { database in
            let select = database.select()
                .columns(Self.outboxColumns.map { SQLIdentifier($0) })
                .from("outbox")
            if let receiver = query.receiver { select.where("receiver", .equal, receiver) }
            if let state = query.state { select.where("state", .equal, state.rawValue) }
            if let since = query.since { select.where("created_ns", .greaterThanOrEqual, since.nanosecondsSinceEpoch) }
            return try await select.orderBy("created_ns", .descending).orderBy("id", .descending)
                .limit(max(0, query.limit))
                .all()
                .map(Self.outboxItem(from:))
        }
    }

    public func outboxItem(id: String) async throws -> OutboxItem? {
        try await withDatabase("outboxItem") { database in
            try await database.select()
                .columns(Self.outboxColumns.map { SQLIdentifier($0) })
                .from("outbox")
                .where("id", .equal, id)
                .first()
                .map(Self.outboxItem(from:))
        }
    }

    @discardableResult
    public func deleteOutboxItems(finishedBefore cutoff: WallInstant) async throws -> Int {
        try await withDatabase("deleteOutboxItems") { database in
            try await database.delete(from: "outbox")
                .where("state", .notEqual, OutboxItem.State.pending.rawValue)
                .where("created_ns", .lessThan, cutoff.nanosecondsSinceEpoch)
                .returning("id")
                .all()
                .count
        }
    }

    static func outboxRow(_ item: OutboxItem) throws -> [any Encodable & Sendable] {
        [
            item.id, item.receiver, item.integration, Int64(item.integrationIndex), item.dedupKey,
            try JSONCoding.string(item.notification), item.state.rawValue, Int64(item.attempts),
            item.createdAt.nanosecondsSinceEpoch, item.nextAttemptAt.nanosecondsSinceEpoch,
            item.lastAttemptAt?.nanosecondsSinceEpoch, item.lastError, item.lastStatus.map(Int64.init),
        ]
    }

    private static func outboxItem(from row: any SQLRow) throws -> OutboxItem {
        let id = try row.decode(column: "id", as: String.self)
        let stateText = try row.decode(column: "state", as: String.self)
        guard let state = OutboxItem.State(rawValue: stateText) else {
            throw StorageError.invalidData("outbox item \(id) has an unknown state '\(stateText)'")
        }
        return OutboxItem(
            id: id,
            receiver: try row.decode(column: "receiver", as: String.self),
            integration: try row.decode(column: "integration", as: String.self),
            integrationIndex: Int(try row.decode(column: "integration_index", as: Int64.self)),
            dedupKey: try row.decode(column: "dedup_key", as: String.self),
            notification: try JSONCoding.decode(
                AlertNotification.self, row.decode(column: "notification", as: String.self)),
            state: state,
            attempts: Int(try row.decode(column: "attempts", as: Int64.self)),
            createdAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "created_ns", as: Int64.self)),
            nextAttemptAt: WallInstant(
                nanosecondsSinceEpoch: try row.decode(column: "next_attempt_ns", as: Int64.self)),
            lastAttemptAt: try row.decode(column: "last_attempt_ns", as: Int64?.self).map(
                WallInstant.init(nanosecondsSinceEpoch:)),
            lastError: try row.decode(column: "last_error", as: String?.self),
            lastStatus: try row.decode(column: "last_status", as: Int64?.self).map(Int.init))
    }
}
