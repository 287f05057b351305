import Foundation
import SQLKit
import SteadyModel
import Synchronization
import Testing

@testable import SteadyStorage

/// The alert log's on-disk life in SQLite: replay after a restart, crash leftovers, schema 3–4 data, corruption.
@Suite("SQLite alert log")
struct SQLiteAlertLogTests {
    private static func alert(_ name: String, ends: Int, version: String = "1") -> Alert {
        Alert(
            labels: Labels(["alertname": name, "service": "checkout"]), annotations: Labels(["version": version]),
            startsAt: minute(0), endsAt: minute(ends), generatorURL: "http://prometheus/graph", updatedAt: minute(0))
    }

    private func count(_ table: String, in store: SQLStore) async throws -> Int {
        try await store.withDatabase("test") { database in
            try await database.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(
                decodingColumn: "n", as: Int.self)
                ?? 0
        }
    }

    private func withFileStore(_ body: (_ open: () async throws -> SQLStore) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("steady.db").path
        try await body {
            let store = try await SQLStore.openSQLite(path: path, logger: testLogger)
            try await store.migrate()
            return store
        }
    }

    /// Compaction reclaims superseded versions: a log of new fingerprints only is never rewritten, and once the
    /// superseded versions pass the threshold and the live alerts, one compaction folds them away. A restart
    /// counts the superseded versions it replays.
    @Test func compactionStartsOnlyWhenThereIsSomethingToReclaim() async throws {
        try await withFileStore { open in
            let store = try await open()
            let names = (0..<512).map { "Alert\($0)" }
            try await closing(store) { () async throws in
                store.alertLog.withLock { $0.compactionThreshold = 256 }
                for chunk in stride(from: 0, to: names.count, by: 64) {
                    try await store.saveAlerts(names[chunk..<chunk + 64].map { Self.alert($0, ends: 10) }, replacing: 0)
                }
                await store.waitForAlertLogCompaction()
                #expect(try await count("alert_snapshots", in: store) == 0)
                #expect(try await count("alert_log", in: store) == 8)
                // 511 of 512 again: 511 superseded versions against 513 live alerts, one short.
                try await store.saveAlerts(
                    names.dropLast().map { Self.alert($0, ends: 10, version: "2") }, replacing: 511)
                await store.waitForAlertLogCompaction()
                #expect(try await count("alert_snapshots", in: store) == 0)
                #expect(store.alertLog.withLock { ($0.supersededVersions, $0.liveAlerts) } == (511, 512))
            }
            let reopened = try await open()
            try await closing(reopened) { () async throws in
                #expect(try await reopened.alerts().count == 512)
                #expect(reopened.alertLog.withLock { ($0.supersededVersions, $0.liveAlerts) } == (511, 512))
                reopened.alertLog.withLock { $0.compactionThreshold = 256 }
                try await reopened.saveAlerts([Self.alert("Alert511", ends: 10, version: "2")], replacing: 1)
                await reopened.waitForAlertLogCompaction()
                #expect(try await count("alert_snapshots", in: reopened) == 1)
                #expect(try await count("alert_log", in: reopened) == 0)
                #expect(reopened.alertLog.withLock { ($0.supersededVersions, $0.liveAlerts) } == (0, 512))
                let stored = try await reopened.alerts()
                #expect(stored.count == 512 && stored.allSatisfy { $0.annotations["version"] == "2" })
            }
        }
    }

    @Test func aRestartReplaysTheSnapshotThenTheLogAfterIt() async throws {
        try await withFileStore { open in
            let first = try await open()
            try await closing(first) { () async throws in
                try await first.saveAlerts([Self.alert("A", ends: 10), Self.alert("B", ends: 1)])
                #expect(try await first.deleteAlerts(resolvedBefore: minute(2)) == 1)  // snapshot: A
                try await first.saveAlerts([Self.alert("A", ends: 20, version: "2"), Self.alert("C", ends: 10)])
                #expect(try await count("alert_snapshots", in: first) == 1)
                #expect(try await count("alert_log", in: first) == 1, "the compacted log rows are deleted")
            }
            let second = try await open()
            try await closing(second) { () async throws in
                #expect(
                    try await second.alerts().sorted { $0.name < $1.name }
                        == [Self.alert("A", ends: 20, version: "2"), Self.alert("C", ends: 10)])
                // A second compaction replaces the first snapshot and its chunks.
                #expect(try await second.deleteAlerts(resolvedBefore: minute(15)) == 1)
                #expect(try await count("alert_snapshots", in: second) == 1)
                #expect(try await count("alert_snapshot_chunks", in: second) == 1)
                #expect(try await count("alert_log", in: second) == 0)
                #expect(try await second.alerts() == [Self.alert("A", ends: 20, version: "2")])
            }
        }
    }

    @Test func aHalfWrittenSnapshotIsIgnoredAndCleanedUp() async throws {
        try await withFileStore { open in
            let store = try await open()
            try await closing(store) { () async throws in
                try await store.saveAlerts([Self.alert("A", ends: 10)])
                // What a crash between writing chunks and recording the snapshot leaves: chunks of a generation
                // that `alert_snapshots` does not name, claiming A was deleted... and holding a stranger.
                let stranger = Data(AlertLogCoding.encode([Self.alert("Stranger", ends: 10)]))
                try await store.withDatabase("test") { database in
                    try await database.insert(into: "alert_snapshot_chunks").columns("generation", "chunk", "alerts")
                        .values(SQLBind(Int64(77)), SQLBind(Int64(0)), SQLBind(stranger)).run()
                }
                #expect(try await store.alerts() == [Self.alert("A", ends: 10)])
                #expect(try await store.deleteAlerts(resolvedBefore: minute(1)) == 0)
                #expect(try await count("alert_snapshot_chunks", in: store) == 1)
                #expect(try await store.alerts() == [Self.alert("A", ends: 10)])
            }
        }
    }

    @Test func alertsFromSchemaFourAreCarriedIntoTheLog() async throws {
        try await withFileStore { open in
            let store = try await open()
            try await closing(store) { () async throws in
                let old = Self.alert("Old", ends: 10)
                let journaled = Self.alert("Journaled", ends: 10)
                try await store.withDatabase("test") { database in
                    for (table, alert) in [("alerts", old), ("alert_journal", journaled)] {
                        try await database.insert(into: table)
                            .columns(
                                "fingerprint", "labels", "annotations", "starts_ns", "ends_ns", "updated_ns",
                                "generator_url", "timeout"
                            )
                            .values(
                                alert.fingerprint.hex, try JSONCoding.string(alert.labels),
                                try JSONCoding.string(alert.annotations), alert.startsAt.nanosecondsSinceEpoch,
                                alert.endsAt.nanosecondsSinceEpoch, alert.updatedAt.nanosecondsSinceEpoch,
                                alert.generatorURL, Int64(0)
                            )
                            .run()
                    }
                }
                #expect(try await store.alerts().map(\.name).sorted() == ["Journaled", "Old"])
                #expect(try await count("alerts", in: store) == 0)
                #expect(try await count("alert_journal", in: store) == 0)
                #expect(try await store.alerts().map(\.name).sorted() == ["Journaled", "Old"])
            }
        }
    }

    @Test func aCorruptLogRowIsAClearErrorNotACrash() async throws {
        try await withFileStore { open in
            let store = try await open()
            try await closing(store) { () async throws in
                try await store.saveAlerts([Self.alert("A", ends: 10)])
                try await store.withDatabase("test") { database in
                    try await database.insert(into: "alert_log").columns("alerts")
                        .values(SQLBind(Data([AlertLogCoding.version, 200, 0, 0, 0, 1]))).run()
                }
                do {
                    _ = try await store.alerts()
                    Issue.record("a corrupt row must not load silently")
                } catch let error as StorageError {
                    #expect(error.code == .invalidData)
                    #expect("\(error)".contains("alert_log row 2"))
                }
            }
        }
    }
}
