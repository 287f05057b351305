import Foundation
import Testing

@testable import SteadyStorage

@Suite("Migrations")
struct MigrationsTests {
    @Test func versionsCountUpFromOneWithDistinctNames() {
        let versions = Migrations.all.map(\.version)
        #expect(versions == Array(1...Migrations.all.count))
        let names = Migrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { !$0.isEmpty })
        #expect(SQLStore.schemaVersion == Migrations.all.count)
    }

    @Test func onlyKeyColumnsAndBlobTypesDifferBetweenEngines() {
        for migration in Migrations.all {
            for statement in migration.statements {
                let sqlite = statement.sql(for: .sqlite)
                let postgres = statement.sql(for: .postgres)
                if sqlite != postgres {
                    // Replacing the engine's key columns and blob type must leave the same statement.
                    let keys: [(SQLEngine) -> String] = [
                        \.eventIDColumn, \.alertLogSequenceColumn, \.journalSequenceColumn, \.blobType,
                    ]
                    let normalised = { (sql: String, engine: SQLEngine) in
                        keys.reduce(sql) { $0.replacingOccurrences(of: $1(engine), with: "<key>") }
                    }
                    #expect(normalised(sqlite, .sqlite) == normalised(postgres, .postgres))
                    #expect(normalised(sqlite, .sqlite) != sqlite)
                }
            }
        }
    }
}
