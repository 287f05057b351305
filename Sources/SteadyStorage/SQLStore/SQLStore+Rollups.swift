import SQLKit
public import SteadyModel

extension SQLStore {
    private static let rollupTable = "signal_rollups"
    private static let rollupKeyColumns = ["service", "minute_ns"]
    private static let rollupValueColumns = [
        "requests", "errors", "latency_buckets", "latency_sum", "latency_count", "saturation_sum", "saturation_max",
        "saturation_readings", "scrapes",
    ]
    /// Rows per statement: 11 binds each keeps every statement far below PostgreSQL's 65,535 bind limit.
    private static let rollupChunkSize = 1000

    /// Adds each rollup into the stored row of its service and minute (see `SignalRollup.merge`), creating the row
    /// when there is none. The whole batch is one transaction: all of it is stored or none.
    ///
    /// Rollups for the same service and minute within the batch are merged first; concurrent callers are
    /// serialised, so every increase is counted exactly once.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/invalidData`` when a value is NaN or a bucket count is
    ///   infinite (nothing of the batch is stored).
    public func mergeRollups(_ rollups: [SignalRollup]) async throws {
        guard !rollups.isEmpty else { return }
        try Self.validate(rollups)
        var byKey: [RollupKey: SignalRollup] = [:]
        for rollup in rollups {
            byKey[RollupKey(rollup), default: SignalRollup(service: rollup.service, minute: rollup.minute)]
                .merge(rollup)
        }
        // One lock order for every caller (rows are locked in this order where the engine locks rows).
        let batch = byKey.values.sorted { RollupKey($0) < RollupKey($1) }
        try await inWriteTransaction("mergeRollups") { database in
            var start = 0
            while start < batch.count {
                let end = min(start + Self.rollupChunkSize, batch.count)
                try await Self.merge(batch[start..<end], into: database)
                start = end
            }
        }
    }

    /// Rollups of `service` with `from <= minute < to`, oldest first.
    public func rollups(service: String, from: WallInstant, to: WallInstant) async throws -> [SignalRollup] {
        try await withDatabase("rollups") { database in
            let rows = try await database.select()
                .columns(Self.rollupKeyColumns + Self.rollupValueColumns)
                .from(Self.rollupTable)
                .where("service", .equal, service)
                .where("minute_ns", .greaterThanOrEqual, from.nanosecondsSinceEpoch)
                .where("minute_ns", .lessThan, to.nanosecondsSinceEpoch)
                .orderBy("minute_ns", .ascending)
                .all()
            return try rows.map(Self.rollup(from:))
        }
    }

    /// Deletes rollups whose minute is before `cutoff`; returns how many were deleted.
    @discardableResult
    public func deleteRollups(before cutoff: WallInstant) async throws -> Int {
        try await withDatabase("deleteRollups") { database in
            try await database.delete(from: Self.rollupTable)
                .where("minute_ns", .lessThan, cutoff.nanosecondsSinceEpoch)
                .returning("minute_ns")
                .all()
                .count
        }
    }

    /// Read-modify-write of one chunk, inside the caller's transaction.
    private static func merge(_ chunk: ArraySlice<SignalRollup>, into database: any SQLDatabase) async throws {
        // 1. Make sure every row exists, so that step 2 can lock it on engines with row locks (PostgreSQL); without
        //    this, two transactions creating the same row could each write their own values.
        let empty = try LatencyBucketsJSON.encode([])
        let placeholders = database.insert(into: rollupTable).columns(rollupKeyColumns + rollupValueColumns)
        for rollup in chunk {
            placeholders.values([
                rollup.service, rollup.minute.nanosecondsSinceEpoch, 0.0, 0.0, empty, 0.0, 0.0, 0.0,
                Double?.none, Int64(0), Int64(0),
            ])
        }
        try await placeholders.ignoringConflicts(with: rollupKeyColumns).run()

        // 2. Read the stored rows (locking them where the engine supports `FOR UPDATE`).
        let keys: [any SQLExpression] = chunk.map {
            SQLGroupExpression([SQLBind($0.service), SQLBind($0.minute.nanosecondsSinceEpoch)])
        }
        let rows = try await database.select()
            .columns(rollupKeyColumns + rollupValueColumns)
            .from(rollupTable)
            .where(
                SQLGroupExpression(rollupKeyColumns.map { SQLColumn($0) }), .in, SQLGroupExpression(keys)
            )
            .orderBy("service").orderBy("minute_ns")
            .for(.update)
            .all()
        var stored: [RollupKey: SignalRollup] = [:]
        for row in rows {
            let rollup = try rollup(from: row)
            stored[RollupKey(rollup)] = rollup
        }

        // 3. Merge in Swift and write back.
        let upsert = database.insert(into: rollupTable).columns(rollupKeyColumns + rollupValueColumns)
        for rollup in chunk {
            var merged = stored[RollupKey(rollup)] ?? SignalRollup(service: rollup.service, minute: rollup.minute)
            merged.merge(rollup)
            upsert.values(try values(of: merged))
        }
        try await upsert.onConflict(with: rollupKeyColumns) { update in
            rollupValueColumns.reduce(update) { $0.set(excludedValueOf: $1) }
        }.run()
    }

    private static func values(of rollup: SignalRollup) throws -> [any Encodable & Sendable] {
        [
            rollup.service, rollup.minute.nanosecondsSinceEpoch, rollup.requests, rollup.errors,
            try LatencyBucketsJSON.encode(rollup.latencyBuckets), rollup.latencySum, rollup.latencyCount,
            rollup.saturationSum, rollup.saturationMax, Int64(rollup.saturationReadings), Int64(rollup.scrapes),
        ]
    }

    private static func rollup(from row: any SQLRow) throws -> SignalRollup {
        let bucketsJSON = try row.decode(column: "latency_buckets", as: String.self)
        let buckets: [LatencyBucket]
        do {
            buckets = try LatencyBucketsJSON.decode(bucketsJSON)
        } catch {
            throw StorageError.invalidData("signal_rollups.latency_buckets is not a bucket list: \(bucketsJSON)")
        }
        return SignalRollup(
            service: try row.decode(column: "service", as: String.self),
            minute: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "minute_ns", as: Int64.self)),
            requests: try row.decode(column: "requests", as: Double.self),
            errors: try row.decode(column: "errors", as: Double.self),
            latencyBuckets: buckets,
            latencySum: try row.decode(column: "latency_sum", as: Double.self),
            latencyCount: try row.decode(column: "latency_count", as: Double.self),
            saturationSum: try row.decode(column: "saturation_sum", as: Double.self),
            saturationMax: try row.decode(column: "saturation_max", as: Double?.self),
            saturationReadings: Int(try row.decode(column: "saturation_readings", as: Int64.self)),
            scrapes: Int(try row.decode(column: "scrapes", as: Int64.self))
        )
    }

    /// NaN cannot be stored the same way by every engine (SQLite turns it into NULL), so it is refused up front.
    private static func validate(_ rollups: [SignalRollup]) throws {
        for rollup in rollups {
            let fields: [(String, Double?)] = [
                ("requests", rollup.requests), ("errors", rollup.errors), ("latencySum", rollup.latencySum),
                ("latencyCount", rollup.latencyCount), ("saturationSum", rollup.saturationSum),
                ("saturationMax", rollup.saturationMax),
            ]
            for case (let name, let value?) in fields where value.isNaN {
                throw StorageError.invalidData("rollup of \(rollup.service) at \(rollup.minute): \(name) is NaN")
            }
            for bucket in rollup.latencyBuckets where bucket.count.isNaN || bucket.upperBound.isNaN {
                throw StorageError.invalidData(
                    "rollup of \(rollup.service) at \(rollup.minute): a latency bucket holds NaN")
            }
        }
    }
}

/// The primary key of a rollup row.
private struct RollupKey: Hashable, Comparable {
    var service: String
    var minute: Int64

    init(_ rollup: SignalRollup) {
        service = rollup.service
        minute = rollup.minute.nanosecondsSinceEpoch
    }

    static func < (lhs: RollupKey, rhs: RollupKey) -> Bool {
        (lhs.service, lhs.minute) < (rhs.service, rhs.minute)
    }
}
