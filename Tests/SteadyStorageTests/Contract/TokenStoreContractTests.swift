import SteadyModel
import SteadyStorage
import Testing

@Suite("TokenStore contract")
struct TokenStoreContractTests {
    private func token(_ id: String, hash: String, role: Role = .viewer, createdSecond: Int = 0) -> APIToken {
        APIToken(
            id: id, name: "\(id) token", role: role, secretHash: hash,
            createdAt: baseMinute.advanced(by: .seconds(createdSecond)))
    }

    @Test(arguments: StoreFactory.all)
    func insertLookUpAndList(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            let admin = token("t-admin", hash: String(repeating: "a", count: 64), role: .admin, createdSecond: 20)
            var responder = token("t-responder", hash: String(repeating: "b", count: 64), role: .responder)
            responder.lastUsedAt = baseMinute.advanced(by: .seconds(5))
            let viewer = token("t-viewer", hash: String(repeating: "c", count: 64), createdSecond: 10)
            for token in [admin, responder, viewer] { try await store.insertToken(token) }

            #expect(try await store.token(secretHash: admin.secretHash) == admin)
            #expect(try await store.token(secretHash: responder.secretHash) == responder)
            #expect(try await store.token(secretHash: String(repeating: "d", count: 64)) == nil)
            #expect(try await store.tokens() == [responder, viewer, admin])
        }
    }

    @Test(arguments: StoreFactory.all)
    func duplicateIDOrSecretIsAConflict(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.insertToken(token("t1", hash: "hash-1"))
            let sameHash = await #expect(throws: StorageError.self) {
                try await store.insertToken(token("t2", hash: "hash-1"))
            }
            #expect(sameHash?.code == .conflict)
            let sameID = await #expect(throws: StorageError.self) {
                try await store.insertToken(token("t1", hash: "hash-2"))
            }
            #expect(sameID?.code == .conflict)
            #expect(try await store.tokens().map(\.id) == ["t1"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func touchRecordsLastUse(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.insertToken(token("t1", hash: "hash-1"))
            try await store.insertToken(token("t2", hash: "hash-2"))
            let used = baseMinute.advanced(by: .seconds(90))
            try await store.touchToken(id: "t1", at: used)
            try await store.touchToken(id: "missing", at: used)

            #expect(try await store.token(secretHash: "hash-1")?.lastUsedAt == used)
            #expect(try await store.token(secretHash: "hash-2")?.lastUsedAt == nil)
            let later = used.advanced(by: .seconds(1))
            try await store.touchToken(id: "t1", at: later)
            #expect(try await store.token(secretHash: "hash-1")?.lastUsedAt == later)
        }
    }

    @Test(arguments: StoreFactory.all)
    func deleteReportsWhetherATokenWentAway(_ factory: StoreFactory) async throws {
        try await withStore(factory) { store in
            try await store.insertToken(token("t1", hash: "hash-1"))
            try await store.insertToken(token("t2", hash: "hash-2"))
            #expect(try await store.deleteToken(id: "t1"))
            #expect(try await store.deleteToken(id: "t1") == false)
            #expect(try await store.token(secretHash: "hash-1") == nil)
            #expect(try await store.tokens().map(\.id) == ["t2"])
            // The secret of a deleted token can be used again.
            try await store.insertToken(token("t3", hash: "hash-1"))
            #expect(try await store.token(secretHash: "hash-1")?.id == "t3")
        }
    }
}
