import Foundation
import Logging
import SQLKit
public import SteadyModel
import Synchronization

/// What the store knows of its alert log between operations (a heuristic for when to compact, never for
/// correctness).
struct AlertLogState: Sendable {
    /// Whether the legacy `alerts` / `alert_journal` tables (schema 3–4) were emptied into the log.
    var legacyConverted = false
    /// Alerts written to the log since the current snapshot (or since this process started).
    var appendedSinceSnapshot = 0
    /// Stored versions (in the snapshot or the log) that a later one superseded: what compaction would reclaim.
    var supersededVersions = 0
    /// Alerts in the current snapshot.
    var snapshotAlerts = 0
    /// The earliest `endsAt` in the current snapshot; nil when unknown.
    var snapshotMinEnds: Int64?
    /// Superseded versions that start a background compaction, once they also outnumber the live alerts: each
    /// compaction then reclaims at least as many records as it rewrites, so every version is rewritten a bounded
    /// number of times on average, and a log of new alerts only (nothing to reclaim) is never rewritten.
    var compactionThreshold = 65_536

    /// Alerts the snapshot and the log hold that are their fingerprint's latest version.
    var liveAlerts: Int { max(0, snapshotAlerts + appendedSinceSnapshot - supersededVersions) }
    /// Whether ``SQLStore/saveAlerts(_:)`` started a compaction that has not finished.
    var backgroundScheduled = false
    /// That compaction, once started (for tests to await).
    var background: Task<Void, Never>?
}

extension SQLStore {
    /// Alerts per snapshot chunk, and rows per read of the log.
    static let alertSnapshotChunkSize = 1_024
    private static let alertLogPageSize = 128

    // MARK: - alerts

    /// Stores alerts durably: later versions of a fingerprint replace earlier ones. Counts every alert as replacing
    /// a stored version (see ``saveAlerts(_:replacing:)``).
    public func saveAlerts(_ alerts: [Alert]) async throws {
        try await saveAlerts(alerts, replacing: alerts.count)
    }

    /// Stores alerts durably; `replacing` of them supersede a stored version of their fingerprint.
    ///
    /// The whole batch is one row of `alert_log` (a binary blob, see `AlertLogCoding`), appended by one statement:
    /// sequential pages, no per-alert index updates, no explicit transaction. The pipeline keeps every alert in
    /// memory, so the store only needs to give them back at startup; ``alerts()`` replays the newest snapshot and
    /// the log after it. Compaction folds the log into a new snapshot in the background once it has grown past
    /// `AlertLogState.compactionThreshold` superseded versions and the number of live alerts, and on every
    /// ``deleteAlerts(resolvedBefore:)``.
    public func saveAlerts(_ alerts: [Alert], replacing: Int) async throws {
        guard !alerts.isEmpty else { return }
        let blob = Data(AlertLogCoding.encode(alerts))
        try await withDatabase("saveAlerts") { database in
            try await database.insert(into: "alert_log").columns("alerts").values(SQLBind(blob)).run()
        }
        let start = alertLog.withLock { state -> Bool in
            state.appendedSinceSnapshot += alerts.count
            state.supersededVersions += min(max(replacing, 0), alerts.count)
            guard !state.backgroundScheduled,
                state.supersededVersions >= max(state.compactionThreshold, state.liveAlerts)
            else { return false }
            state.backgroundScheduled = true
            return true
        }
        guard start else { return }
        let task = Task {
            do {
                try await self.compactAlertLog(resolvedBefore: nil)
            } catch {
                self.logger.warning("alert log compaction failed", metadata: ["error": "\(error)"])
            }
            self.alertLog.withLock { state in
                state.backgroundScheduled = false
                state.background = nil
            }
        }
        alertLog.withLock { state in
            if state.backgroundScheduled { state.background = task }
        }
    }

    /// Waits for a compaction started by ``saveAlerts(_:)``, if one is running.
    func waitForAlertLogCompaction() async {
        while true {
            let (scheduled, task) = alertLog.withLock { ($0.backgroundScheduled, $0.background) }
            guard scheduled else { return }
            if let task { await task.value } else { await Task.yield() }
        }
    }

    /// Every stored alert (the latest version of each fingerprint), oldest `startsAt` first.
    public func alerts() async throws -> [Alert] {
        await alertCompaction.lock()
        defer { alertCompaction.unlock() }
        try await convertLegacyAlertTables()
        let snapshot = try await currentAlertSnapshot()
        var latest: [AlertFingerprint: Alert] = [:]
        var snapshotAlerts = 0
        var snapshotMinEnds = Int64.max
        var logAlerts = 0
        var superseded = 0
        try await forEachAlertBlob(snapshot: snapshot, logThrough: nil) { blob, fromSnapshot in
            for alert in try blob.withUnsafeBytes(AlertLogCoding.decode) {
                if latest.updateValue(alert, forKey: alert.fingerprint) != nil { superseded += 1 }
                if fromSnapshot {
                    snapshotAlerts += 1
                    snapshotMinEnds = min(snapshotMinEnds, alert.endsAt.nanosecondsSinceEpoch)
                } else {
                    logAlerts += 1
                }
            }
        }
        alertLog.withLock { state in
            state.snapshotAlerts = snapshotAlerts
            state.snapshotMinEnds = snapshotMinEnds
            state.appendedSinceSnapshot = logAlerts
            state.supersededVersions = superseded
        }
        return latest.values.sorted {
            ($0.startsAt, $0.fingerprint.value) < ($1.startsAt, $1.fingerprint.value)
        }
    }

    /// Deletes alerts resolved before `cutoff` by compacting the log into a new snapshot without them.
    @discardableResult
    public func deleteAlerts(resolvedBefore cutoff: WallInstant) async throws -> Int {
        try await compactAlertLog(resolvedBefore: cutoff)
    }

    // MARK: - compaction

    /// Folds the newest snapshot and the log after it into a new snapshot (latest version of every fingerprint,
    /// minus those that ended before `cutoff`), then deletes what it replaced. Returns how many alerts it dropped.
    ///
    /// Nothing holds the store for long: the blobs are read a page at a time and the new snapshot is written a
    /// chunk at a time, so intake interleaves; the snapshot becomes current in one small transaction that records
    /// the last log row it covers. Reads replay only log rows after that one, so a crash at any point leaves either
    /// the old snapshot and its log or the new one.
    @discardableResult
    func compactAlertLog(resolvedBefore cutoff: WallInstant?) async throws -> Int {
        await alertCompaction.lock()
        defer { alertCompaction.unlock() }
        try await convertLegacyAlertTables()
        let cutoffNanoseconds = cutoff?.nanosecondsSinceEpoch ?? .min
        let nothingToDo = alertLog.withLock { state in
            state.appendedSinceSnapshot == 0 && (state.snapshotMinEnds ?? .min) >= cutoffNanoseconds
        }
        let snapshot = try await currentAlertSnapshot()
        if nothingToDo, try await lastAlertLogSequence() <= snapshot?.coveredSequence ?? 0 { return 0 }

        // Pass 1: where the latest version of every fingerprint is (records numbered in replay order).
        var latest: [AlertFingerprint: Int] = [:]
        latest.reserveCapacity(alertLog.withLock { $0.snapshotAlerts + $0.appendedSinceSnapshot })
        var ordinal = 0
        var logRecords = 0
        let covered = try await forEachAlertBlob(snapshot: snapshot, logThrough: nil) { blob, fromSnapshot in
            try blob.withUnsafeBytes { raw in
                try AlertLogCoding.records(in: raw) { record in
                    latest[record.fingerprint] = ordinal
                    ordinal += 1
                    if !fromSnapshot { logRecords += 1 }
                }
            }
        }

        // Versions superseded up to here are (nearly all) in rows through `covered`, which this compaction reclaims;
        // later ones stay counted. Read after pass 1, so rows appended during it are not counted twice.
        let supersededCovered = alertLog.withLock { $0.supersededVersions }

        // Pass 2: the same rows again, keeping each latest version that has not ended before `cutoff`.
        let generation = Int64.random(in: 1...Int64.max)
        var chunk: [UInt8] = [AlertLogCoding.version]
        var chunkAlerts = 0
        var chunkIndex: Int64 = 0
        var kept = 0
        var dropped = 0
        var minEnds = Int64.max
        ordinal = 0
        _ = try await forEachAlertBlob(snapshot: snapshot, logThrough: covered) { blob, _ in
            try blob.withUnsafeBytes { raw in
                try AlertLogCoding.records(in: raw) { record in
                    defer { ordinal += 1 }
                    guard latest[record.fingerprint] == ordinal else { return }
                    guard record.endsNanoseconds >= cutoffNanoseconds else {
                        dropped += 1
                        return
                    }
                    chunk.append(contentsOf: raw[record.range])
                    chunkAlerts += 1
                    kept += 1
                    minEnds = min(minEnds, record.endsNanoseconds)
                }
            }
            if chunkAlerts >= Self.alertSnapshotChunkSize {
                try await self.writeAlertSnapshotChunk(generation: generation, index: chunkIndex, chunk)
                chunk = [AlertLogCoding.version]
                chunkAlerts = 0
                chunkIndex += 1
            }
        }
        if chunkAlerts > 0 {
            try await writeAlertSnapshotChunk(generation: generation, index: chunkIndex, chunk)
        }
        let createdNanoseconds = clock.now.nanosecondsSinceEpoch
        let keptAlerts = Int64(kept)
        try await inWriteTransaction("switchAlertSnapshot") { database in
            try await database.insert(into: "alert_snapshots")
                .columns("generation", "covered_seq", "alerts", "created_ns")
                .values(generation, covered, keptAlerts, createdNanoseconds)
                .run()
        }
        alertLog.withLock { state in
            state.snapshotAlerts = kept
            state.snapshotMinEnds = minEnds
            // Alerts appended while this ran are after `covered`: they stay in the log (counted roughly).
            state.appendedSinceSnapshot = max(0, state.appendedSinceSnapshot - logRecords)
            state.supersededVersions = max(0, state.supersededVersions - supersededCovered)
        }
        try await deleteReplacedAlertRows(generation: generation, covered: covered)
        return dropped
    }

    private func writeAlertSnapshotChunk(generation: Int64, index: Int64, _ chunk: [UInt8]) async throws {
        let blob = Data(chunk)
        try await withDatabase("writeAlertSnapshot") { database in
            try await database.insert(into: "alert_snapshot_chunks")
                .columns("generation", "chunk", "alerts")
                .values(SQLBind(generation), SQLBind(index), SQLBind(blob))
                .run()
        }
    }

    /// Deletes older snapshots and the log rows `generation` covers, a page of rows per store operation.
    private func deleteReplacedAlertRows(generation: Int64, covered: Int64) async throws {
        let page = Int64(Self.alertLogPageSize)
        let old = try await withDatabase("replacedAlertSnapshots") { database in
            try await database.select().column("generation").column(
                SQLFunction("MAX", args: SQLColumn("chunk")), as: "last"
            )
            .from("alert_snapshot_chunks").where("generation", .notEqual, generation).groupBy("generation")
            .all()
            .map {
                (try $0.decode(column: "generation", as: Int64.self), try $0.decode(column: "last", as: Int64.self))
            }
        }
        for (oldGeneration, lastChunk) in old {
            var upTo: Int64 = page - 1
            while true {
                let bound = upTo
                try await withDatabase("deleteReplacedAlertSnapshot") { database in
                    try await database.delete(from: "alert_snapshot_chunks")
                        .where("generation", .equal, oldGeneration).where("chunk", .lessThanOrEqual, bound)
                        .run()
                }
                if bound >= lastChunk { break }
                upTo += page
            }
        }
        try await withDatabase("deleteReplacedAlertSnapshots") { database in
            try await database.delete(from: "alert_snapshots").where("generation", .notEqual, generation).run()
        }
        let first = try await withDatabase("alertLogHead") { database in
            try await database.select().column("seq").from("alert_log").orderBy("seq").limit(1)
                .first(decodingColumn: "seq", as: Int64.self)
        }
        guard var upTo = first.map({ $0 + page - 1 }) else { return }
        while true {
            let bound = min(upTo, covered)
            try await withDatabase("deleteCompactedAlertLog") { database in
                try await database.delete(from: "alert_log").where("seq", .lessThanOrEqual, bound).run()
            }
            if bound >= covered { break }
            upTo += page
        }
    }

    // MARK: - reading

    struct AlertSnapshotRef: Sendable {
        var generation: Int64
        var coveredSequence: Int64
    }

    /// The snapshot with the most log behind it (a half-written one has no row in `alert_snapshots` yet).
    private func currentAlertSnapshot() async throws -> AlertSnapshotRef? {
        try await withDatabase("alertSnapshot") { database in
            try await database.select().columns("generation", "covered_seq").from("alert_snapshots")
                .orderBy("covered_seq", .descending).limit(1)
                .first()
                .map { row in
                    AlertSnapshotRef(
                        generation: try row.decode(column: "generation", as: Int64.self),
                        coveredSequence: try row.decode(column: "covered_seq", as: Int64.self))
                }
        }
    }

    private func lastAlertLogSequence() async throws -> Int64 {
        try await withDatabase("alertLogTail") { database in
            try await database.select().column("seq").from("alert_log").orderBy("seq", .descending).limit(1)
                .first(decodingColumn: "seq", as: Int64.self) ?? 0
        }
    }

    /// Calls `body` with every blob of `snapshot`, then every log row after it (up to `logThrough` if given), in
    /// replay order, a page per store operation. Returns the sequence of the last log row read (or the one the
    /// snapshot covers).
    @discardableResult
    private func forEachAlertBlob(
        snapshot: AlertSnapshotRef?,
        logThrough: Int64?,
        _ body: (Data, _ fromSnapshot: Bool) async throws -> Void
    ) async throws -> Int64 {
        if let snapshot {
            var after: Int64 = -1
            while true {
                let from = after
                let rows = try await withDatabase("readAlertSnapshot") { database in
                    try await database.select().columns("chunk", "alerts").from("alert_snapshot_chunks")
                        .where("generation", .equal, snapshot.generation).where("chunk", .greaterThan, from)
                        .orderBy("chunk").limit(Self.alertLogPageSize)
                        .all()
                        .map {
                            (
                                try $0.decode(column: "chunk", as: Int64.self),
                                try $0.decode(column: "alerts", as: Data.self)
                            )
                        }
                }
                for (chunk, blob) in rows {
                    after = chunk
                    do {
                        try await body(blob, true)
                    } catch let error as AlertLogCoding.Malformed {
                        throw StorageError.invalidData(
                            "alert snapshot \(snapshot.generation) chunk \(chunk): \(error.description)")
                    }
                }
                if rows.count < Self.alertLogPageSize { break }
            }
        }
        var last = snapshot?.coveredSequence ?? 0
        while true {
            let from = last
            let rows = try await withDatabase("readAlertLog") { database in
                var select = database.select().columns("seq", "alerts").from("alert_log")
                    .where("seq", .greaterThan, from)
                if let logThrough { select = select.where("seq", .lessThanOrEqual, logThrough) }
                return try await select.orderBy("seq").limit(Self.alertLogPageSize).all()
                    .map {
                        (try $0.decode(column: "seq", as: Int64.self), try $0.decode(column: "alerts", as: Data.self))
                    }
            }
            for (sequence, blob) in rows {
                last = sequence
                do {
                    try await body(blob, false)
                } catch let error as AlertLogCoding.Malformed {
                    throw StorageError.invalidData("alert_log row \(sequence): \(error.description)")
                }
            }
            if rows.count < Self.alertLogPageSize { break }
        }
        return last
    }

    // MARK: - schema 3–4

    /// Moves alerts from the tables of schemas 3–4 (`alerts`, `alert_journal`) into the log, once per process.
    /// Runs before anything reads the log; they are older than any log row this build writes.
    private func convertLegacyAlertTables() async throws {
        guard !alertLog.withLock({ $0.legacyConverted }) else { return }
        let columns = ["labels", "annotations", "starts_ns", "ends_ns", "updated_ns", "generator_url", "timeout"]
        try await inWriteTransaction("convertLegacyAlerts") { database in
            try await database.raw(
                """
                INSERT INTO alerts (fingerprint, \(unsafeRaw: columns.joined(separator: ", ")))
                SELECT fingerprint, \(unsafeRaw: columns.joined(separator: ", ")) FROM alert_journal
                WHERE seq IN (SELECT MAX(seq) FROM alert_journal GROUP BY fingerprint)
                ON CONFLICT (fingerprint) DO UPDATE SET
                \(unsafeRaw: columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                """
            ).run()
            let legacy = try await database.select().columns(columns).from("alerts").all().map { row in
                Alert(
                    labels: try JSONCoding.decode(Labels.self, row.decode(column: "labels", as: String.self)),
                    annotations: try JSONCoding.decode(Labels.self, row.decode(column: "annotations", as: String.self)),
                    startsAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "starts_ns", as: Int64.self)),
                    endsAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "ends_ns", as: Int64.self)),
                    generatorURL: try row.decode(column: "generator_url", as: String.self),
                    updatedAt: WallInstant(nanosecondsSinceEpoch: try row.decode(column: "updated_ns", as: Int64.self)),
                    timeout: try row.decode(column: "timeout", as: Int64.self) != 0)
            }
            var start = 0
            while start < legacy.count {
                let end = min(start + Self.alertSnapshotChunkSize, legacy.count)
                let blob = Data(AlertLogCoding.encode(legacy[start..<end]))
                try await database.insert(into: "alert_log").columns("alerts").values(SQLBind(blob)).run()
                start = end
            }
            try await database.delete(from: "alert_journal").run()
            try await database.delete(from: "alerts").run()
        }
        alertLog.withLock { $0.legacyConverted = true }
    }
}
