/// An error from a Steady store.
///
/// Match on ``code`` to react to a kind of failure; ``description`` says what happened in words.
///
/// ```swift
/// do {
///     try await store.insertToken(token)
/// } catch let error as StorageError where error.code == .conflict {
///     // a token with this id or secret already exists
/// }
/// ```
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Base: Sendable, Equatable {
        case databaseLocked(String)
        case cannotOpen(path: String, reason: String)
        case conflict(String)
        case closed
        case invalidData(String)
        case migrationFailed(version: Int, name: String, reason: String)
        case unsupportedSchema(found: Int, supported: Int)
        case database(String)
    }

    /// A stable kind of ``StorageError``, for matching.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Raw: String, Sendable {
            case databaseLocked, cannotOpen, conflict, closed, invalidData, migrationFailed, unsupportedSchema,
                database
        }

        private let raw: Raw
        private init(_ raw: Raw) { self.raw = raw }

        /// Another connection or process held the database lock for longer than the busy timeout.
        public static let databaseLocked = Code(.databaseLocked)
        /// The database could not be opened or configured.
        public static let cannotOpen = Code(.cannotOpen)
        /// A row with the same unique key already exists.
        public static let conflict = Code(.conflict)
        /// The store was used after ``SteadyStore/close()``.
        public static let closed = Code(.closed)
        /// A value could not be stored or a stored row could not be read back.
        public static let invalidData = Code(.invalidData)
        /// A schema migration failed, or the applied migrations do not match this build's.
        public static let migrationFailed = Code(.migrationFailed)
        /// The database was migrated by a newer Steady than this one.
        public static let unsupportedSchema = Code(.unsupportedSchema)
        /// Any other database failure.
        public static let database = Code(.database)

        public var description: String { raw.rawValue }
    }

    private let base: Base

    private init(_ base: Base) { self.base = base }

    /// The kind of failure.
    public var code: Code {
        switch base {
        case .databaseLocked: .databaseLocked
        case .cannotOpen: .cannotOpen
        case .conflict: .conflict
        case .closed: .closed
        case .invalidData: .invalidData
        case .migrationFailed: .migrationFailed
        case .unsupportedSchema: .unsupportedSchema
        case .database: .database
        }
    }

    public var description: String {
        switch base {
        case .databaseLocked(let detail):
            "database is locked (\(detail)); another connection held it longer than the busy timeout"
        case .cannotOpen(let path, let reason):
            "cannot open database at \(path): \(reason)"
        case .conflict(let detail):
            "conflict: \(detail)"
        case .closed:
            "the store is closed"
        case .invalidData(let detail):
            "invalid data: \(detail)"
        case .migrationFailed(let version, let name, let reason):
            "migration \(version) (\(name)) failed: \(reason)"
        case .unsupportedSchema(let found, let supported):
            "the database schema is at version \(found) but this build of Steady knows versions up to "
                + "\(supported); upgrade Steady or use another database"
        case .database(let detail):
            "database error: \(detail)"
        }
    }

    /// Another connection or process held the database lock for longer than the busy timeout.
    public static func databaseLocked(_ detail: String) -> Self { Self(.databaseLocked(detail)) }
    /// The database at `path` could not be opened or configured.
    public static func cannotOpen(path: String, reason: String) -> Self {
        Self(.cannotOpen(path: path, reason: reason))
    }
    /// A row with the same unique key already exists.
    public static func conflict(_ detail: String) -> Self { Self(.conflict(detail)) }
    /// The store was used after it was closed.
    public static var closed: Self { Self(.closed) }
    /// A value could not be stored or a stored row could not be read back.
    public static func invalidData(_ detail: String) -> Self { Self(.invalidData(detail)) }
    /// Migration `version` (`name`) failed.
    public static func migrationFailed(version: Int, name: String, reason: String) -> Self {
        Self(.migrationFailed(version: version, name: name, reason: reason))
    }
    /// The database is at schema version `found`, newer than the `supported` one.
    public static func unsupportedSchema(found: Int, supported: Int) -> Self {
        Self(.unsupportedSchema(found: found, supported: supported))
    }
    /// Any other database failure.
    public static func database(_ detail: String) -> Self { Self(.database(detail)) }
}
