import Foundation
import SQLKit
import SteadyModel
import Testing

@testable import SteadyStorage

/// What the contract suite cannot see: SQLite's configuration, file handling and failure modes.
@Suite("SQLite store")
struct SQLiteStoreTests {
    private func pragma(_ name: String, of store: SQLStore) async throws -> String? {
        try await store.withDatabase("test") { database in
            // The result column is not always named after the pragma (busy_timeout answers in `timeout`).
            try await database.raw("PRAGMA \(unsafeRaw: name)").first().map { row in
                try row.decode(column: row.allColumns[0], as: String.self)
            }
        }
    }

    @Test func fileDatabaseRunsInWALWithTheConfiguredSettings() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("a/b/steady.db").path
        let store = try await SQLStore.openSQLite(path: path, logger: testLogger, busyTimeout: .milliseconds(1_500))
        try await closing(store) { () async throws in
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await pragma("journal_mode", of: store) == "wal")
            #expect(try await pragma("synchronous", of: store) == "1")  // NORMAL
            #expect(try await pragma("foreign_keys", of: store) == "1")
            #expect(try await pragma("busy_timeout", of: store) == "1500")
        }
    }

    @Test func migrationsAreRecordedOnceWithTheClockTime() async throws {
        let clock = ManualWallClock(now: WallInstant(secondsSinceEpoch: 1_700_000_000))
        let store = try await SQLStore.openSQLite(path: ":memory:", logger: testLogger, clock: clock)
        try await closing(store) {
            let latest = 5  // migrations shipped so far
            #expect(try await store.migrate() == latest)
            await clock.advance(by: .seconds(60))
            #expect(try await store.migrate() == latest)
            let rows = try await store.withDatabase("test") { database in
                try await database.raw("SELECT version, name, applied_at_ns FROM steady_schema_migrations").all()
                    .map {
                        (
                            try $0.decode(column: "version", as: Int.self),
                            try $0.decode(column: "name", as: String.self),
                            try $0.decode(column: "applied_at_ns", as: Int64.self)
                        )
                    }
            }
            #expect(rows.map(\.0) == [1, 2, 3, 4, 5])
            #expect(rows.map(\.1) == ["initial schema", "sli buckets", "alert pipeline", "alert journal", "alert log"])
            #expect(rows.allSatisfy { $0.2 == 1_700_000_000_000_000_000 })
        }
    }

    @Test func aDatabaseFromANewerSteadyIsRefused() async throws {
        let store = try await SQLStore.openSQLite(path: ":memory:", logger: testLogger)
        try await closing(store) {
            try await store.migrate()
            try await store.withDatabase("test") { database in
                try await database.raw(
                    "INSERT INTO steady_schema_migrations (version, name, applied_at_ns) VALUES (999, 'future', 0)"
                ).run()
            }
            let error = await #expect(throws: StorageError.self) { try await store.migrate() }
            #expect(error?.code == .unsupportedSchema)
            #expect(error?.description.contains("version 999") == true)
        }
    }

    @Test func aRenamedShippedMigrationIsRefused() async throws {
        let store = try await SQLStore.openSQLite(path: ":memory:", logger: testLogger)
        try await closing(store) {
            try await store.migrate()
            try await store.withDatabase("test") { database in
                try await database.raw("UPDATE steady_schema_migrations SET name = 'old name' WHERE version = 1").run()
            }
            let error = await #expect(throws: StorageError.self) { try await store.migrate() }
            #expect(error?.code == .migrationFailed)
            #expect(error?.description.contains("'old name'") == true)
        }
    }

    @Test func inMemoryStoresAreIndependent() async throws {
        let first = try await SQLStore.openSQLite(path: ":memory:", logger: testLogger)
        try await closing(first) {
            let second = try await SQLStore.openSQLite(path: ":memory:", logger: testLogger)
            try await closing(second) {
                try await first.migrate()
                try await second.migrate()
                try await first.setSetting("k", "first")
                #expect(try await second.setting("k") == nil)
            }
        }
    }

    @Test func anUnopenablePathNamesThePathAndTheReason() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("plain-file")
        try Data("not a directory".utf8).write(to: file)
        let path = file.appendingPathComponent("steady.db").path

        let error = await #expect(throws: StorageError.self) {
            try await SQLStore.openSQLite(path: path, logger: testLogger)
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description.hasPrefix("cannot open database at \(path): ") == true)
    }

    @Test func aFileThatIsNotADatabaseIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("steady.db")
        try Data(String(repeating: "this is not an SQLite database\n", count: 200).utf8).write(to: file)

        let error = await #expect(throws: StorageError.self) {
            try await SQLStore.openSQLite(path: file.path, logger: testLogger)
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.description == "cannot open database at \(file.path): file is not a database")
    }

    @Test func aLockHeldByAnotherConnectionFailsAfterTheBusyTimeout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("steady.db").path
        let holder = try await SQLStore.openSQLite(path: path, logger: testLogger)
        try await closing(holder) {
            try await holder.migrate()
            let waiter = try await SQLStore.openSQLite(path: path, logger: testLogger, busyTimeout: .milliseconds(20))
            try await closing(waiter) {
                try await holder.withDatabase("test") { try await $0.raw("BEGIN IMMEDIATE").run() }
                let error = await #expect(throws: StorageError.self) { try await waiter.setSetting("k", "v") }
                #expect(error?.code == .databaseLocked)
                #expect(error?.description.hasPrefix("database is locked (setSetting)") == true)

                try await holder.withDatabase("test") { try await $0.raw("ROLLBACK").run() }
                try await waiter.setSetting("k", "v")
                #expect(try await holder.setting("k") == "v")
            }
        }
    }

    @Test func aCancelledCallerLeavesNoTransactionOpen() async throws {
        let store = try await SQLStore.openSQLite(path: ":memory:", logger: testLogger)
        try await closing(store) {
            try await store.migrate()
            let batch = (0..<500).map { SignalRollup(service: "a", minute: minute($0), requests: 1) }
            for _ in 0..<20 {
                let task = Task { try await store.mergeRollups(batch) }
                task.cancel()
                _ = await task.result
            }
            // Every merge ran whole: cancellation does not interrupt a started operation.
            let stored = try await store.rollups(service: "a", from: minute(0), to: minute(500))
            #expect(stored.count == 500)
            #expect(stored.allSatisfy { $0.requests == 20 })
            // And the connection is not stuck inside a transaction.
            try await store.withDatabase("test") { database in
                try await database.raw("BEGIN IMMEDIATE").run()
                try await database.raw("ROLLBACK").run()
            }
        }
    }
}
