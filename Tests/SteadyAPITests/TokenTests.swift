import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Tokens")
struct TokenTests {
    @Test("secrets are stdy_ + 43 base64url characters; the hash is lower-case hex SHA-256")
    func secrets() {
        let secret = TokenSecrets.generate()
        #expect(secret.hasPrefix("stdy_"))
        #expect(secret.count == 5 + 43)
        #expect(secret.dropFirst(5).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        #expect(TokenSecrets.generate() != secret)
        // SHA-256("abc"), FIPS 180-2 test vector
        #expect(TokenSecrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("create → use → list → delete → 401")
    func lifecycle() async throws {
        let world = TestWorld()
        let admin = try await world.addToken(.admin, name: "root")
        try await world.run { client in
            await world.clock.advance(by: .seconds(1))
            let created = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: bearer(admin),
                body: jsonBody(["name": "ci", "role": "responder"]))
            #expect(created.status == .created)
            let secret = try #require(created.json["secret"] as? String)
            let id = try #require(created.json["id"] as? String)
            #expect(secret.hasPrefix("stdy_"))
            #expect(created.json["role"] as? String == "responder")

            // Only the hash is stored.
            let stored = try #require(world.store.storedTokens.first { $0.id == id })
            #expect(stored.secretHash == TokenSecrets.hash(secret))
            #expect(stored.secretHash != secret)

            let whoami = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(secret))
            #expect(whoami.status == .ok)
            #expect(whoami.json["name"] as? String == "ci")
            #expect(whoami.json["role"] as? String == "responder")
            #expect(whoami.json["tokenId"] as? String == id)

            let list = try await client.execute(uri: "/api/v1/tokens", method: .get, headers: bearer(admin))
            #expect(list.status == .ok)
            let names = (list.json["tokens"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["root", "ci"])
            #expect(!list.text.contains(secret))
            #expect(!list.text.contains(stored.secretHash))

            let duplicate = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: bearer(admin),
                body: jsonBody(["name": "ci", "role": "viewer"]))
            #expect(duplicate.status == .conflict)

            let deleted = try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: bearer(admin))
            #expect(deleted.status == .noContent)
            let after = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(secret))
            #expect(after.status == .unauthorized)

            let again = try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: bearer(admin))
            #expect(again.status == .notFound)
            #expect(again.errorCode == "not_found")
        }
    }

    @Test("invalid token requests are 400")
    func validation() async throws {
        let world = TestWorld()
        let admin = try await world.addToken(.admin)
        try await world.run { client in
            for body: [String: Any] in [
                ["name": "x", "role": "superuser"], ["name": "", "role": "viewer"],
                ["name": String(repeating: "n", count: 65), "role": "viewer"], ["name": "a\u{7}b", "role": "viewer"],
                ["role": "viewer"],
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/tokens", method: .post, headers: bearer(admin), body: jsonBody(body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorCode == "bad_request", "\(body)")
            }
        }
        #expect(world.store.storedTokens.count == 1)
    }

    @Test("a token deleted behind the API's back stops working once the 5 s cache expires")
    func cacheExpiry() async throws {
        let world = TestWorld()
        let viewer = try await world.addToken(.viewer)
        try await world.run { client in
            #expect(
                try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(viewer)).status == .ok)
            let lookups = world.store.tokenLookups
            #expect(
                try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(viewer)).status == .ok)
            #expect(world.store.tokenLookups == lookups, "second use is served from the cache")

            let id = try #require(world.store.storedTokens.first?.id)
            _ = try await world.store.deleteToken(id: id)
            await world.clock.advance(by: .seconds(6))
            let after = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(viewer))
            #expect(after.status == .unauthorized)
        }
    }

    @Test("lastUsedAt is written at most once a minute per token")
    func touchThrottle() async throws {
        let world = TestWorld()
        let viewer = try await world.addToken(.viewer)
        try await world.run { client in
            for _ in 0..<3 {
                _ = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(viewer))
            }
            #expect(world.store.touches.map(\.1) == [TestWorld.start])
            await world.clock.advance(by: .seconds(30))
            _ = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(viewer))
            #expect(world.store.touches.count == 1)
            await world.clock.advance(by: .seconds(31))
            _ = try await client.execute(uri: "/api/v1/whoami", method: .get, headers: bearer(viewer))
            #expect(world.store.touches.map(\.1) == [TestWorld.start, TestWorld.start.advanced(by: .seconds(61))])
            #expect(world.store.storedTokens.first?.lastUsedAt == TestWorld.start.advanced(by: .seconds(61)))
        }
    }
}
