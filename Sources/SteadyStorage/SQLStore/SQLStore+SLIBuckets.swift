import SQLKit
public import SteadyModel

extension SQLStore {
    private static let sliTable = "sli_buckets"
    private static let sliChunkSize = 2000

    /// Adds each bucket into the stored row of its SLO and minute (good and total add up), creating it if needed.
    /// Buckets of the same SLO and minute within the batch are summed first. One transaction for the whole batch.
    public func mergeSLIBuckets(_ buckets: [SLIBucket]) async throws {
        guard !buckets.isEmpty else { return }
        var byKey: [SLIKey: SLIBucket] = [:]
        for bucket in buckets {
            guard bucket.good.isFinite, bucket.total.isFinite else {
                throw StorageError.invalidData("SLI bucket of \(bucket.slo) at \(bucket.minute) is not finite")
            }
            let key = SLIKey(slo: bucket.slo, minute: bucket.minute.nanosecondsSinceEpoch)
            byKey[key, default: SLIBucket(slo: bucket.slo, minute: bucket.minute, good: 0, total: 0)].good +=
                bucket.good
            byKey[key]?.total += bucket.total
        }
        let batch = byKey.sorted { $0.key < $1.key }.map(\.value)
        try await inWriteTransaction("mergeSLIBuckets") { database in
            var start = 0
            while start < batch.count {
                let end = min(start + Self.sliChunkSize, batch.count)
                let insert = database.insert(into: Self.sliTable).columns("slo", "minute_ns", "good", "total")
                for bucket in batch[start..<end] {
                    insert.values(bucket.slo, bucket.minute.nanosecondsSinceEpoch, bucket.good, bucket.total)
                }
                try await insert.onConflict(with: ["slo", "minute_ns"]) { update in
                    update
                        .set("good", to: SQLRaw("\(Self.sliTable).good + excluded.good"))
                        .set("total", to: SQLRaw("\(Self.sliTable).total + excluded.total"))
                }.run()
                start = end
            }
        }
    }

    /// Buckets of `slo` with `from <= minute < to`, oldest first.
    public func sliBuckets(slo: String, from: WallInstant, to: WallInstant) async throws -> [SLIBucket] {
        try await withDatabase("sliBuckets") { database in
            try await database.select()
                .columns("slo", "minute_ns", "good", "total")
                .from(Self.sliTable)
                .where("slo", .equal, slo)
                .where("minute_ns", .greaterThanOrEqual, from.nanosecondsSinceEpoch)
                .where("minute_ns", .lessThan, to.nanosecondsSinceEpoch)
                .orderBy("minute_ns")
                .all()
                .map(Self.sliBucket(from:))
        }
    }

    /// Buckets of every SLO with `from <= minute < to`, ordered by minute then SLO.
    public func sliBuckets(from: WallInstant, to: WallInstant) async throws -> [SLIBucket] {
        try await withDatabase("sliBuckets") { database in
            try await database.select()
                .columns("slo", "minute_ns", "good", "total")
                .from(Self.sliTable)
                .where("minute_ns", .greaterThanOrEqual, from.nanosecondsSinceEpoch)
                .where("minute_ns", .lessThan, to.nanosecondsSinceEpoch)
                .orderBy("minute_ns").orderBy("slo")
                .all()
                .map(Self.sliBucket(from:))
        }
    }

    /// Deletes buckets whose minute is before `cutoff`; returns how many were deleted.
    @discardableResult
    public func deleteSLIBuckets(before cutoff: WallInstant) async throws -> Int {
        try await withDatabase("deleteSLIBuckets") { database in
            try await database.delete(from: Self.sliTable)
                .where("minute_ns", .lessThan, cutoff.nanosecondsSinceEpoch)
                .returning("minute_ns")
                .all()
                .count
        }
    }

    private static func sliBucket(from row: any SQLRow) throws -> SLIBucket {
        SLIBucket(
            slo: try row.decode(column: "slo", as: String.self),
            minute: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "minute_ns", as: Int64.self)),
            good: try row.decode(column: "good", as: Double.self),
            total: try row.decode(column: "total", as: Double.self))
    }
}

/// The primary key of an SLI bucket row.
private struct SLIKey: Hashable, Comparable {
    var slo: String
    var minute: Int64

    static func < (lhs: SLIKey, rhs: SLIKey) -> Bool { (lhs.slo, lhs.minute) < (rhs.slo, rhs.minute) }
}
