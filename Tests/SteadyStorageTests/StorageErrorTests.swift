import SteadyStorage
import Testing

@Suite("StorageError")
struct StorageErrorTests {
    @Test func messagesSayWhatHappened() {
        #expect(
            StorageError.cannotOpen(path: "/data/steady.db", reason: "unable to open database file").description
                == "cannot open database at /data/steady.db: unable to open database file")
        #expect(StorageError.databaseLocked("mergeRollups").description.hasPrefix("database is locked (mergeRollups)"))
        #expect(StorageError.closed.description == "the store is closed")
        #expect(
            StorageError.migrationFailed(version: 2, name: "alerts", reason: "boom").description
                == "migration 2 (alerts) failed: boom")
        #expect(StorageError.unsupportedSchema(found: 7, supported: 3).description.contains("version 7"))
    }

    @Test func codesMatchKindsNotDetails() {
        #expect(StorageError.conflict("a").code == StorageError.conflict("b").code)
        #expect(StorageError.conflict("a") != StorageError.conflict("b"))
        #expect(StorageError.conflict("a").code != StorageError.invalidData("a").code)
        #expect(StorageError.Code.databaseLocked.description == "databaseLocked")
    }
}
