import SteadyModel
import SteadyStorage
import Testing

@Suite("SteadyStore lifecycle contract")
struct StoreLifecycleContractTests {
    @Test(arguments: StoreFactory.all)
    func migrateIsIdempotent(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.setSetting("kept", "yes")
            #expect(try await store.migrate() == SQLStore.schemaVersion)
            #expect(try await store.migrate() == SQLStore.schemaVersion)
            #expect(try await store.setting("kept") == "yes")
        }
    }

    @Test(arguments: StoreFactory.all)
    func aClosedStoreRefusesWork(_ factory: StoreFactory) async throws {
        try await withDatabase(factory) { database in
            let store = try await database.open()
            try await store.migrate()
            try await store.close()
            try await store.close()

            let error = await #expect(throws: StorageError.self) { try await store.setting("x") }
            #expect(error?.code == .closed)
            await #expect(throws: StorageError.closed) {
                try await store.mergeRollups([SignalRollup(service: "a", minute: minute(0))])
            }
            await #expect(throws: StorageError.closed) { try await store.migrate() }
        }
    }

    @Test(arguments: StoreFactory.durable)
    func dataSurvivesARestart(_ factory: StoreFactory) async throws {
        let token = APIToken(
            id: "t1", name: "ci", role: .admin, secretHash: "hash-1", createdAt: minute(0), lastUsedAt: minute(1))
        let rollup = SignalRollup(
            service: "checkout", minute: minute(0), requests: 3, errors: 1,
            latencyBuckets: [bucket(0.1, 2), bucket(.infinity, 3)], latencySum: 0.3, latencyCount: 3,
            saturationSum: 0.5, saturationMax: 0.5, saturationReadings: 1, scrapes: 1)

        try await withDatabase(factory) { database in
            let first = try await database.open()
            let event = try await closing(first) {
                #expect(try await first.migrate() == SQLStore.schemaVersion)
                try await first.mergeRollups([rollup])
                try await first.insertToken(token)
                try await first.setSetting("demo.backfilled_until", "42")
                return try await first.appendEvent(
                    NewEvent(time: minute(0), kind: "steady.started", message: "started", attributes: ["pid": "1"]))
            }

            let second = try await database.open()
            try await closing(second) {
                #expect(try await second.migrate() == SQLStore.schemaVersion)
                #expect(try await second.rollups(service: "checkout", from: minute(0), to: minute(1)) == [rollup])
                #expect(try await second.events(EventQuery()) == [event])
                #expect(try await second.tokens() == [token])
                #expect(try await second.setting("demo.backfilled_until") == "42")
                // Merging after a restart adds to what was stored before it.
                try await second.mergeRollups([rollup])
                let merged = try await second.rollups(service: "checkout", from: minute(0), to: minute(1))
                #expect(merged.first?.requests == 6)
                #expect(merged.first?.latencyBuckets == [bucket(0.1, 4), bucket(.infinity, 6)])
                // Ids keep growing across restarts.
                let next = try await second.appendEvent(
                    NewEvent(time: minute(1), kind: "steady.started", message: "again"))
                #expect(next.id > event.id)
            }
        }
    }
}
