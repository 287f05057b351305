import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Events")
struct EventTests {
    static func seed(_ world: TestWorld) async throws {
        let kinds: [(String, String?)] = [
            ("steady.started", nil), ("target.down", "checkout"), ("target.up", "checkout"), ("deploy", "checkout"),
            ("target.down", "payments"), ("config.reloaded", nil),
        ]
        for (offset, (kind, service)) in kinds.enumerated() {
            try await world.store.appendEvent(
                NewEvent(
                    time: TestWorld.start.advanced(by: .seconds(-600 + offset * 60)), kind: kind, service: service,
                    message: "\(kind) #\(offset)"))
        }
    }

    static func ids(_ response: TestResponse) -> [Int64] {
        (response.json["events"] as? [[String: Any]])?.compactMap { ($0["id"] as? Int).map(Int64.init) } ?? []
    }

    @Test("filters by service, kind (exact or prefix), time range; newest first")
    func filters() async throws {
        let world = TestWorld(anonymousRead: true)
        try await Self.seed(world)
        try await world.run { client in
            let all = try await client.execute(uri: "/api/v1/events", method: .get)
            #expect(Self.ids(all) == [6, 5, 4, 3, 2, 1])
            #expect(all.json["nextBefore"] == nil)
            let first = try #require((all.json["events"] as? [[String: Any]])?.last)
            #expect(first["time"] as? String == "2023-11-14T22:03:20.000Z")
            #expect(first["kind"] as? String == "steady.started")

            let service = try await client.execute(uri: "/api/v1/events?service=checkout", method: .get)
            #expect(Self.ids(service) == [4, 3, 2])
            let prefix = try await client.execute(uri: "/api/v1/events?kind=target.", method: .get)
            #expect(Self.ids(prefix) == [5, 3, 2])
            let exact = try await client.execute(uri: "/api/v1/events?kind=target.down&service=checkout", method: .get)
            #expect(Self.ids(exact) == [2])
            let range = try await client.execute(
                uri: "/api/v1/events?from=2023-11-14T22:05:20Z&to=\(Int(TestWorld.start.secondsSinceEpoch) - 330)",
                method: .get)
            #expect(Self.ids(range) == [5, 4, 3])
        }
    }

    @Test("limit and before page through the log")
    func paging() async throws {
        let world = TestWorld(anonymousRead: true)
        try await Self.seed(world)
        try await world.run { client in
            let page1 = try await client.execute(uri: "/api/v1/events?limit=4", method: .get)
            #expect(Self.ids(page1) == [6, 5, 4, 3])
            let next = try #require((page1.json["nextBefore"] as? Int).map(Int64.init))
            #expect(next == 3)
            let page2 = try await client.execute(uri: "/api/v1/events?limit=4&before=\(next)", method: .get)
            #expect(Self.ids(page2) == [2, 1])
            #expect(page2.json["nextBefore"] == nil)
        }
    }

    @Test(
        "bad filters are 400",
        arguments: ["limit=0", "limit=1001", "limit=x", "before=-1", "from=soon", "from=1700000000&to=1690000000"])
    func badFilters(query: String) async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/events?\(query)", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "bad_request")
        }
    }

    @Test("responders post annotations; the author is the token's name")
    func post() async throws {
        let world = TestWorld()
        let responder = try await world.addToken(.responder, name: "alice")
        try await world.run { client in
            let response = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: bearer(responder),
                body: jsonBody([
                    "kind": "deploy", "message": "  v1.2.3 rolled out  ", "service": "checkout", "severity": "warning",
                    "attributes": ["version": "1.2.3", "author": "mallory"], "time": "2023-11-14T22:00:00Z",
                ]))
            #expect(response.status == .created)
            #expect(response.json["message"] as? String == "v1.2.3 rolled out")
            #expect(response.json["time"] as? String == "2023-11-14T22:00:00.000Z")
            let stored = try #require(world.store.storedEvents.last)
            #expect(stored.kind == "deploy")
            #expect(stored.severity == .warning)
            #expect(stored.service == "checkout")
            #expect(stored.attributes == ["version": "1.2.3", "author": "alice"])
            #expect(stored.time == WallInstant(secondsSinceEpoch: 1_699_999_200))

            let now = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: bearer(responder),
                body: jsonBody(["kind": "annotation.note", "message": "looking into it"]))
            #expect(now.status == .created)
            #expect(world.store.storedEvents.last?.time == TestWorld.start)
        }
    }

    @Test(
        "invalid events are 400",
        arguments: [
            ["kind": "Deploy!", "message": "x"], ["kind": "", "message": "x"], ["kind": "a..b", "message": "x"],
            ["kind": String(repeating: "k", count: 65), "message": "x"], ["kind": "deploy", "message": "   "],
            ["kind": "deploy", "message": String(repeating: "m", count: 1001)],
            ["kind": "deploy", "message": "x", "severity": "panic"],
            ["kind": "deploy", "message": "x", "time": "2023-11-15T00:00:00Z"],
            ["kind": "deploy", "message": "x", "service": String(repeating: "s", count: 129)],
            ["message": "no kind"],
        ] as [[String: String]])
    func invalidPost(body: [String: String]) async throws {
        let world = TestWorld()
        let responder = try await world.addToken(.responder)
        try await world.run { client in
            let response = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: bearer(responder), body: jsonBody(body))
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "bad_request")
        }
        #expect(world.store.storedEvents.isEmpty)
    }
}
