import Logging
import SQLKit
import SteadyModel

extension SQLStore {
    private static let migrationsTable = "steady_schema_migrations"

    /// Applies the migrations this database has not seen yet, each in its own transaction, and returns the schema
    /// version. Running it again does nothing.
    ///
    /// - Throws: ``StorageError`` with code ``StorageError/Code/unsupportedSchema`` when a newer Steady migrated the
    ///   database, ``StorageError/Code/migrationFailed`` when a migration fails (its transaction is rolled back) or
    ///   an applied migration's name differs from this build's.
    @discardableResult
    public func migrate() async throws -> Int {
        let engine = self.engine
        let clock = self.clock
        let logger = self.logger
        return try await withDatabase("migrate") { database in
            try await database.withSession { session in
                try await session.execute(
                    sql: SQLRaw(
                        """
                        CREATE TABLE IF NOT EXISTS \(Self.migrationsTable) (
                            version INTEGER PRIMARY KEY,
                            name TEXT NOT NULL,
                            applied_at_ns BIGINT NOT NULL
                        )
                        """
                    )
                ) { _ in }
                try Self.check(applied: try await Self.appliedMigrations(session))

                for migration in Migrations.all {
                    let applied = try await Self.apply(migration, on: session, engine: engine, clock: clock)
                    if applied {
                        logger.debug(
                            "applied migration",
                            metadata: ["version": "\(migration.version)", "name": "\(migration.name)"]
                        )
                    }
                }
                let applied = try await Self.appliedMigrations(session)
                try Self.check(applied: applied)
                return applied.keys.max() ?? 0
            }
        }
    }

    /// Applies `migration` unless it already is; returns whether it ran.
    private static func apply(
        _ migration: Migration,
        on session: any SQLDatabase,
        engine: SQLEngine,
        clock: any WallClock
    ) async throws -> Bool {
        do {
            return try await transaction(on: session, begin: engine.beginWrite) { session in
                if let lock = engine.migrationLock {
                    try await session.execute(sql: SQLRaw(lock)) { _ in }
                }
                // Checked inside the transaction: another process may have applied it since we last looked.
                let existing = try await session.select().column("version").from(migrationsTable)
                    .where("version", .equal, migration.version)
                    .first()
                if existing != nil { return false }
                for statement in migration.statements {
                    try await session.execute(sql: SQLRaw(statement.sql(for: engine))) { _ in }
                }
                try await session.insert(into: migrationsTable)
                    .columns("version", "name", "applied_at_ns")
                    .values(migration.version, migration.name, clock.now.nanosecondsSinceEpoch)
                    .run()
                return true
            }
        } catch {
            let mapped = StorageError.mapping(error, operation: "migrate")
            if mapped.code == .databaseLocked { throw mapped }
            throw StorageError.migrationFailed(
                version: migration.version, name: migration.name, reason: mapped.description)
        }
    }

    private static func appliedMigrations(_ session: any SQLDatabase) async throws -> [Int: String] {
        let rows = try await session.select().columns("version", "name").from(migrationsTable).all()
        var applied: [Int: String] = [:]
        for row in rows {
            applied[try row.decode(column: "version", as: Int.self)] = try row.decode(column: "name", as: String.self)
        }
        return applied
    }

    /// Refuses databases migrated by a newer build, and migrations renamed since they were applied.
    private static func check(applied: [Int: String]) throws {
        let supported = Migrations.all.last?.version ?? 0
        if let newest = applied.keys.max(), newest > supported {
            throw StorageError.unsupportedSchema(found: newest, supported: supported)
        }
        for migration in Migrations.all {
            if let name = applied[migration.version], name != migration.name {
                throw StorageError.migrationFailed(
                    version: migration.version, name: migration.name,
                    reason: "the database applied this version as '\(name)'; shipped migrations must not change")
            }
        }
    }
}
