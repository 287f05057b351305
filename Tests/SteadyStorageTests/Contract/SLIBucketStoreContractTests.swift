import SteadyModel
import SteadyStorage
import Testing

@Suite("SLIBucketStore contract")
struct SLIBucketStoreContractTests {
    @Test(arguments: StoreFactory.all)
    func mergeAddsUpPerSLOAndMinute(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeSLIBuckets([
                SLIBucket(slo: "checkout/availability", minute: minute(0), good: 99, total: 100),
                SLIBucket(slo: "checkout/availability", minute: minute(0), good: 0.5, total: 1.5),
                SLIBucket(slo: "checkout/latency", minute: minute(0), good: 7, total: 8),
            ])
            try await store.mergeSLIBuckets([
                SLIBucket(slo: "checkout/availability", minute: minute(0), good: 1, total: 1),
                SLIBucket(slo: "checkout/availability", minute: minute(1), good: 5, total: 6),
            ])
            let availability = try await store.sliBuckets(
                slo: "checkout/availability", from: minute(0), to: minute(2))
            #expect(
                availability == [
                    SLIBucket(slo: "checkout/availability", minute: minute(0), good: 100.5, total: 102.5),
                    SLIBucket(slo: "checkout/availability", minute: minute(1), good: 5, total: 6),
                ])
            let all = try await store.sliBuckets(from: minute(0), to: minute(1))
            #expect(all.map(\.slo) == ["checkout/availability", "checkout/latency"])
            #expect(try await store.sliBuckets(slo: "checkout/availability", from: minute(1), to: minute(1)).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func retentionAndValidation(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.mergeSLIBuckets(
                (0..<5).map { SLIBucket(slo: "a/b", minute: minute($0), good: 1, total: 1) })
            #expect(try await store.deleteSLIBuckets(before: minute(3)) == 3)
            #expect(
                try await store.sliBuckets(slo: "a/b", from: minute(0), to: minute(10)).map(\.minute) == [
                    minute(3), minute(4),
                ])
            await #expect(throws: StorageError.self) {
                try await store.mergeSLIBuckets([SLIBucket(slo: "a/b", minute: minute(9), good: .nan, total: 1)])
            }
            // Nothing of a rejected batch is written.
            #expect(try await store.sliBuckets(slo: "a/b", from: minute(9), to: minute(10)).isEmpty)
        }
    }
}
