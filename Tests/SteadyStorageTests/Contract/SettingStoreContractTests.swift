import SteadyModel
import SteadyStorage
import Testing

@Suite("SettingStore contract")
struct SettingStoreContractTests {
    @Test(arguments: StoreFactory.all)
    func setReadAndReplace(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            #expect(try await store.setting("demo.backfilled_until") == nil)
            try await store.setSetting("demo.backfilled_until", "1700000040")
            try await store.setSetting("other", "ünïcode ✓ \"quoted\"\nline")
            #expect(try await store.setting("demo.backfilled_until") == "1700000040")
            try await store.setSetting("demo.backfilled_until", "1700003640")
            #expect(try await store.setting("demo.backfilled_until") == "1700003640")
            #expect(try await store.setting("other") == "ünïcode ✓ \"quoted\"\nline")
            try await store.setSetting("empty", "")
            #expect(try await store.setting("empty") == "")
        }
    }
}
