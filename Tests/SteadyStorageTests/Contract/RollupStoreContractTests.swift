import SteadyModel
import SteadyStorage
import Testing

@Suite("SignalRollupStore contract")
struct RollupStoreContractTests {
    @Test(arguments: StoreFactory.all)
    func storesAndReadsBackEveryField(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let full = SignalRollup(
                service: "checkout", minute: minute(0), requests: 120, errors: 3,
                latencyBuckets: [bucket(0.005, 10), bucket(0.1, 100), bucket(.infinity, 120)],
                latencySum: 4.25, latencyCount: 120, saturationSum: 1.5, saturationMax: 0.75, saturationReadings: 3,
                scrapes: 6)
            let sparse = SignalRollup(service: "checkout", minute: minute(1), requests: 0.5, scrapes: 1)
            try await store.mergeRollups([sparse, full])

            let stored = try await store.rollups(service: "checkout", from: minute(0), to: minute(2))
            #expect(stored == [full, sparse])
            #expect(stored.first?.latencyBuckets.last?.upperBound == .infinity)
            #expect(stored.last?.saturationMax == nil)
        }
    }

    @Test(arguments: StoreFactory.all)
    func rangeIsHalfOpenAndPerService(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeRollups(
                (0..<5).map { SignalRollup(service: "checkout", minute: minute($0), requests: Double($0)) }
                    + [SignalRollup(service: "payments", minute: minute(2), requests: 99)])

            let range = try await store.rollups(service: "checkout", from: minute(1), to: minute(3))
            #expect(range.map(\.minute) == [minute(1), minute(2)])
            #expect(range.map(\.requests) == [1, 2])
            let payments = try await store.rollups(service: "payments", from: minute(0), to: minute(5))
            #expect(payments.map(\.requests) == [99])
            #expect(try await store.rollups(service: "nobody", from: minute(0), to: minute(5)).isEmpty)
            #expect(try await store.rollups(service: "checkout", from: minute(3), to: minute(3)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func mergeAddsIntoTheExistingRow(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeRollups([
                SignalRollup(
                    service: "checkout", minute: minute(0), requests: 10, errors: 1,
                    latencyBuckets: [bucket(0.1, 1), bucket(0.5, 2), bucket(.infinity, 3)],
                    latencySum: 0.5, latencyCount: 3, saturationSum: 0.4, saturationMax: nil, saturationReadings: 1,
                    scrapes: 1)
            ])
            try await store.mergeRollups([
                SignalRollup(
                    service: "checkout", minute: minute(0), requests: 5, errors: 2,
                    latencyBuckets: [bucket(0.25, 1), bucket(0.5, 1), bucket(.infinity, 2)],
                    latencySum: 0.25, latencyCount: 2, saturationSum: 0.7, saturationMax: 0.7, saturationReadings: 2,
                    scrapes: 2)
            ])

            let merged = try #require(
                try await store.rollups(service: "checkout", from: minute(0), to: minute(1)).first)
            #expect(merged.requests == 15)
            #expect(merged.errors == 3)
            #expect(merged.latencyBuckets == [bucket(0.1, 1), bucket(0.25, 1), bucket(0.5, 3), bucket(.infinity, 5)])
            #expect(merged.latencySum == 0.75)
            #expect(merged.latencyCount == 5)
            #expect(merged.saturationSum == 1.1)
            #expect(merged.saturationMax == 0.7)
            #expect(merged.saturationReadings == 3)
            #expect(merged.scrapes == 3)
        }
    }

    @Test(arguments: StoreFactory.all)
    func saturationMaxKeepsTheLargerAndIgnoresMissing(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let at = minute(0)
            try await store.mergeRollups([SignalRollup(service: "a", minute: at, saturationMax: 0.4)])
            try await store.mergeRollups([SignalRollup(service: "a", minute: at, saturationMax: nil)])
            #expect(try await store.rollups(service: "a", from: at, to: minute(1)).first?.saturationMax == 0.4)
            try await store.mergeRollups([SignalRollup(service: "a", minute: at, saturationMax: 0.9)])
            #expect(try await store.rollups(service: "a", from: at, to: minute(1)).first?.saturationMax == 0.9)
            try await store.mergeRollups([SignalRollup(service: "a", minute: at, saturationMax: 0.2)])
            #expect(try await store.rollups(service: "a", from: at, to: minute(1)).first?.saturationMax == 0.9)
        }
    }

    @Test(arguments: StoreFactory.all)
    func duplicatesWithinOneBatchMerge(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeRollups([
                SignalRollup(service: "a", minute: minute(0), requests: 1, latencyBuckets: [bucket(1, 1)], scrapes: 1),
                SignalRollup(service: "b", minute: minute(0), requests: 7, scrapes: 1),
                SignalRollup(service: "a", minute: minute(0), requests: 2, latencyBuckets: [bucket(2, 4)], scrapes: 1),
            ])
            let a = try await store.rollups(service: "a", from: minute(0), to: minute(1))
            #expect(a.count == 1)
            #expect(a.first?.requests == 3)
            #expect(a.first?.scrapes == 2)
            #expect(a.first?.latencyBuckets == [bucket(1, 1), bucket(2, 4)])
            #expect(try await store.rollups(service: "b", from: minute(0), to: minute(1)).first?.requests == 7)
        }
    }

    @Test(arguments: StoreFactory.all)
    func largeBatchesAreStoredWhole(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            // More rows than one statement carries.
            let batch = (0..<1_200).map {
                SignalRollup(service: "bulk", minute: minute($0), requests: 1, latencyBuckets: [bucket(.infinity, 1)])
            }
            try await store.mergeRollups(batch)
            try await store.mergeRollups(batch)
            let stored = try await store.rollups(service: "bulk", from: minute(0), to: minute(1_200))
            #expect(stored.count == 1_200)
            #expect(stored.allSatisfy { $0.requests == 2 && $0.latencyBuckets == [bucket(.infinity, 2)] })
            #expect(stored.map(\.minute) == (0..<1_200).map { minute($0) })
        }
    }

    @Test(arguments: StoreFactory.all)
    func concurrentMergesSumExactly(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let callers = 64
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<callers {
                    group.addTask {
                        try await store.mergeRollups([
                            SignalRollup(
                                service: "checkout", minute: minute(0), requests: 1,
                                errors: caller.isMultiple(of: 4) ? 1 : 0,
                                latencyBuckets: [bucket(0.1, 1), bucket(.infinity, 1)], latencySum: 0.05,
                                latencyCount: 1, saturationSum: 0.5, saturationMax: Double(caller),
                                saturationReadings: 1, scrapes: 1),
                            SignalRollup(service: "payments", minute: minute(caller % 2), requests: 2, scrapes: 1),
                        ])
                    }
                }
                try await group.waitForAll()
            }
            let checkout = try #require(
                try await store.rollups(service: "checkout", from: minute(0), to: minute(1)).first)
            #expect(checkout.requests == 64)
            #expect(checkout.errors == 16)
            #expect(checkout.latencyBuckets == [bucket(0.1, 64), bucket(.infinity, 64)])
            #expect(checkout.latencyCount == 64)
            #expect(checkout.saturationSum == 32)
            #expect(checkout.saturationMax == 63)
            #expect(checkout.saturationReadings == 64)
            #expect(checkout.scrapes == 64)
            let payments = try await store.rollups(service: "payments", from: minute(0), to: minute(2))
            #expect(payments.map(\.requests) == [64, 64])
            #expect(payments.map(\.scrapes) == [32, 32])
        }
    }

    @Test(arguments: StoreFactory.all)
    func emptyBatchChangesNothing(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeRollups([])
            #expect(try await store.rollups(service: "checkout", from: minute(-10), to: minute(10)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func nanIsRefusedAndNothingOfTheBatchIsStored(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let error = await #expect(throws: StorageError.self) {
                try await store.mergeRollups([
                    SignalRollup(service: "checkout", minute: minute(0), requests: 1),
                    SignalRollup(service: "checkout", minute: minute(1), latencySum: .nan),
                ])
            }
            #expect(error?.code == .invalidData)
            #expect(error?.description.contains("latencySum is NaN") == true)
            let remaining = try await store.rollups(service: "checkout", from: minute(0), to: minute(2))
            #expect(remaining.isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func deleteRemovesOlderRowsOfEveryServiceAndCountsThem(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeRollups(
                (0..<4).flatMap { index in
                    ["a", "b"].map { SignalRollup(service: $0, minute: minute(index), requests: 1) }
                })

            #expect(try await store.deleteRollups(before: minute(2)) == 4)
            #expect(
                try await store.rollups(service: "a", from: minute(0), to: minute(4)).map(\.minute) == [
                    minute(2), minute(3),
                ])
            #expect(
                try await store.rollups(service: "b", from: minute(0), to: minute(4)).map(\.minute) == [
                    minute(2), minute(3),
                ])
            #expect(try await store.deleteRollups(before: minute(2)) == 0)
            #expect(try await store.deleteRollups(before: minute(100)) == 4)
        }
    }
}
