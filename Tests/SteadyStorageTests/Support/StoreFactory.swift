import Foundation
import Logging
import SteadyModel
import SteadyStorage
import Testing

/// A storage engine the contract suite runs against. Add an engine by adding a factory to ``all``; every contract
/// test then runs against it too.
struct StoreFactory: Sendable, CustomTestStringConvertible {
    /// A fresh, empty database of one engine.
    struct Database: Sendable {
        /// Opens a store on this database. For a durable engine, a second store opened after the first was closed
        /// sees what the first wrote.
        var open: @Sendable () async throws -> any SteadyStore
        /// Deletes the database after the test.
        var destroy: @Sendable () async throws -> Void
    }

    var name: String
    /// Whether data survives closing and reopening the store.
    var isDurable: Bool
    var makeDatabase: @Sendable () async throws -> Database

    var testDescription: String { name }

    /// Every engine available here. (PostgreSQL will join when its store exists, e.g. when an environment variable
    /// gives a server to test against.)
    static let all: [StoreFactory] = [.sqliteInMemory, .sqliteFile]

    /// Engines whose data survives a restart.
    static let durable: [StoreFactory] = all.filter(\.isDurable)

    static let sqliteInMemory = StoreFactory(name: "SQLite in memory", isDurable: false) {
        Database(
            open: { try await SQLStore.openSQLite(path: ":memory:", logger: testLogger) },
            destroy: {}
        )
    }

    static let sqliteFile = StoreFactory(name: "SQLite file (WAL)", isDurable: true) {
        let directory = try TemporaryDirectory()
        // A nested path: opening must create the missing directories.
        let path = directory.url.appendingPathComponent("data/steady.db").path
        return Database(
            open: { try await SQLStore.openSQLite(path: path, logger: testLogger) },
            destroy: { directory.remove() }
        )
    }
}

let testLogger = Logger(label: "SteadyStorageTests")

/// Makes a fresh database of `factory`, runs `body` on it, then deletes it. `body` closes the stores it opens.
func withDatabase<R>(
    _ factory: StoreFactory,
    _ body: (StoreFactory.Database) async throws -> R
) async throws -> R {
    let database = try await factory.makeDatabase()
    let result: R
    do {
        result = try await body(database)
    } catch {
        try? await database.destroy()
        throw error
    }
    try await database.destroy()
    return result
}

/// Opens a store on a fresh database of `factory`, migrates it, runs `body`, then closes the store and deletes the
/// database.
func withStore<R>(
    _ factory: StoreFactory,
    _ body: (any SteadyStore) async throws -> R
) async throws -> R {
    try await withDatabase(factory) { database in
        let store = try await database.open()
        return try await closing(store) {
            try await store.migrate()
            return try await body(store)
        }
    }
}

/// Runs `body`, then closes `store` whether or not `body` threw.
func closing<R>(_ store: any SteadyStore, _ body: () async throws -> R) async throws -> R {
    let result: R
    do {
        result = try await body()
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
    return result
}

/// A uniquely named directory under the system's temporary directory.
struct TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
