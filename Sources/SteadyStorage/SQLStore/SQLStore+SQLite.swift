import Foundation
public import Logging
import SQLKit
import SQLiteKit
public import SteadyModel

extension SQLStore {
    /// Opens (creating if needed) the SQLite database at `path`; `":memory:"` opens a private in-memory database.
    ///
    /// The parent directory is created. The connection runs in WAL mode with `synchronous=NORMAL` (a commit survives
    /// a crash of Steady; the last commits may be lost on power failure), enforces foreign keys, and waits up to
    /// `busyTimeout` for a lock held by another process before failing with ``StorageError/Code/databaseLocked``.
    ///
    /// The store uses one connection, driven by one thread of its own, which ``close()`` shuts down. Call
    /// ``migrate()`` before use.
    ///
    /// ```swift
    /// let store = try await SQLStore.openSQLite(path: "./steady-data/steady.db", logger: logger)
    /// try await store.migrate()
    /// ```
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/cannotOpen`` when the directory cannot be created,
    ///   the file cannot be opened, or it is not an SQLite database.
    public static func openSQLite(
        path: String,
        logger: Logger,
        busyTimeout: Duration = .seconds(5),
        clock: any WallClock = SystemWallClock()
    ) async throws -> SQLStore {
        let storage: SQLiteConnection.Storage
        if path == ":memory:" {
            storage = .memory
        } else {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw StorageError.cannotOpen(
                    path: path, reason: "cannot create directory \(parent.path): \(Self.describe(error))")
            }
            storage = .file(path: path)
        }

        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(
                storage: storage, threadPool: threadPool, logger: logger,
                on: MultiThreadedEventLoopGroup.singleton.any()
            )
        } catch {
            try? await threadPool.shutdownGracefully()
            throw StorageError.cannotOpen(path: path, reason: Self.describe(error))
        }
        let close: @Sendable () async throws -> Void = {
            var failure: (any Error)?
            do { try await connection.close() } catch { failure = error }
            try await threadPool.shutdownGracefully()
            if let failure { throw failure }
        }

        let database = connection.sql(queryLogLevel: .trace)
        do {
            let milliseconds = Int(busyTimeout / .milliseconds(1))
            // busy_timeout replaces SQLiteNIO's default busy handler, which retries forever.
            try await database.raw("PRAGMA busy_timeout = \(literal: max(milliseconds, 0))").run()
            let mode = try await database.raw("PRAGMA journal_mode = WAL").first(
                decodingColumn: "journal_mode", as: String.self)
            try await database.raw("PRAGMA synchronous = NORMAL").run()
            try await database.raw("PRAGMA foreign_keys = ON").run()
            logger.debug(
                "opened SQLite database",
                metadata: [
                    "path": "\(path)", "journal_mode": "\(mode ?? "?")",
                    "sqlite": "\(SQLiteConnection.libraryVersionString())",
                ]
            )
        } catch {
            try? await close()
            throw StorageError.cannotOpen(path: path, reason: Self.describe(error))
        }
        return SQLStore(database: database, engine: .sqlite, logger: logger, clock: clock, onClose: close)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        return (error as? any LocalizedError)?.errorDescription ?? "\(error)"
    }
}
