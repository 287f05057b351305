import Logging
import SQLKit
public import SteadyModel
import Synchronization

/// Steady's store over SQL: golden-signal rollups, the event log, API tokens and settings.
///
/// Every query goes through SQLKit, so SQLite (the default, see ``openSQLite(path:logger:busyTimeout:clock:)``) and
/// PostgreSQL (later) share them; the few statements that truly differ live in one place per engine.
///
/// ```swift
/// let store = try await SQLStore.openSQLite(path: "./steady-data/steady.db", logger: logger)
/// try await store.migrate()
/// try await store.appendEvent(NewEvent(time: clock.now, kind: "steady.started", message: "Steady started"))
/// try await store.close()
/// ```
///
/// Operations are serialised: each runs alone on the store's single connection, in arrival order, so a
/// read-modify-write such as ``mergeRollups(_:)`` cannot interleave with another. Each operation also runs to
/// completion once started, even if the calling task is cancelled, so the connection is never left inside an
/// open transaction.
public final class SQLStore: SteadyStore {
    private enum State {
        case open(close: @Sendable () async throws -> Void)
        case closed
    }

    let database: any SQLDatabase
    let engine: SQLEngine
    let logger: Logger
    let clock: any WallClock
    private let lock = AsyncSerialLock()
    private let state: Mutex<State>
    /// What this process knows of the alert log (see `SQLStore+AlertLog.swift`).
    let alertLog = Mutex(AlertLogState())
    /// Held by alert log compaction and by ``alerts()``, so a read never sees a half-deleted log.
    let alertCompaction = AsyncSerialLock()

    init(
        database: any SQLDatabase,
        engine: SQLEngine,
        logger: Logger,
        clock: any WallClock,
        onClose: @escaping @Sendable () async throws -> Void
    ) {
        self.database = database
        self.engine = engine
        self.logger = logger
        self.clock = clock
        self.state = Mutex(.open(close: onClose))
    }

    /// The schema version ``migrate()`` brings a database to in this build.
    public static var schemaVersion: Int { Migrations.all.last?.version ?? 0 }

    /// Closes the connection and releases its threads. Later calls throw ``StorageError/closed``; closing twice
    /// does nothing.
    public func close() async throws {
        try await Task {
            await lock.lock()
            defer { lock.unlock() }
            let close: (@Sendable () async throws -> Void)? = state.withLock { state in
                guard case .open(let close) = state else { return nil }
                state = .closed
                return close
            }
            guard let close else { return }
            do {
                try await close()
            } catch {
                throw StorageError.mapping(error, operation: "close")
            }
            logger.debug("storage closed", metadata: ["engine": "\(engine.rawValue)"])
        }.value
    }

    /// Runs `body` alone on the connection, to completion even if the caller is cancelled, and maps errors to
    /// ``StorageError``.
    func withDatabase<R: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await Task {
            await lock.lock()
            defer { lock.unlock() }
            let isOpen = state.withLock { state in
                if case .open = state { return true }
                return false
            }
            guard isOpen else { throw StorageError.closed }
            do {
                return try await body(database)
            } catch {
                let mapped = StorageError.mapping(error, operation: operation)
                logger.debug("storage operation failed", metadata: ["operation": "\(operation)", "error": "\(mapped)"])
                throw mapped
            }
        }.value
    }

    /// Runs `body` inside a write transaction: committed if it returns, rolled back if it throws.
    func inWriteTransaction<R: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let begin = engine.beginWrite
        return try await withDatabase(operation) { database in
            try await database.withSession { session in
                try await Self.transaction(on: session, begin: begin, body)
            }
        }
    }

    /// Runs `body` between `begin` and `COMMIT` on `session`, rolling back if it throws.
    static func transaction<R: Sendable>(
        on session: any SQLDatabase,
        begin: String,
        _ body: (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await session.execute(sql: SQLRaw(begin)) { _ in }
        do {
            let result = try await body(session)
            try await session.execute(sql: SQLRaw("COMMIT")) { _ in }
            return result
        } catch {
            // Fails harmlessly when the engine already ended the transaction.
            try? await session.execute(sql: SQLRaw("ROLLBACK")) { _ in }
            throw error
        }
    }
}
