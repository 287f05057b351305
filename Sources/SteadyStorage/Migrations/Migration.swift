/// One versioned schema change: statements applied once, in one transaction, recorded in
/// `steady_schema_migrations`.
struct Migration: Sendable {
    /// A statement of a migration: the same SQL for every engine, or one per engine where the SQL truly differs.
    enum Statement: Sendable {
        case shared(String)
        case perEngine(@Sendable (SQLEngine) -> String)

        func sql(for engine: SQLEngine) -> String {
            switch self {
            case .shared(let sql): sql
            case .perEngine(let sql): sql(engine)
            }
        }
    }

    var version: Int
    var name: String
    var statements: [Statement]
}
