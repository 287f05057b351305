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

    @Test func onlyTheEventIDColumnDiffersBetweenEngines() {
        for migration in Migrations.all {
            for statement in migration.statements {
                let sqlite = statement.sql(for: .sqlite)
                let postgres = statement.sql(for: .postgres)
                if sqlite != postgres {
                    #expect(sqlite.contains(SQLEngine.sqlite.eventIDColumn))
                    #expect(postgres.contains(SQLEngine.postgres.eventIDColumn))
                }
            }
        }
    }
}
