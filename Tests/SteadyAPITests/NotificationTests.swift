import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Testing

@Suite("Notification history")
struct NotificationTests {
    static func item(_ id: String, receiver: String, minute: Int, state: OutboxItem.State) -> OutboxItem {
        let at = TestWorld.start.advanced(by: .seconds(60 * minute))
        let alert = Alert(
            labels: Labels(["alertname": "HighLatency", "service": "checkout"]), startsAt: at,
            endsAt: at.advanced(by: .seconds(300)), updatedAt: at)
        return OutboxItem(
            id: id, receiver: receiver, integration: "webhook", integrationIndex: 0, dedupKey: "k-\(id)",
            notification: AlertNotification(
                receiver: receiver, groupKey: "{}:{alertname=\"HighLatency\"}", groupLabels: Labels(), alerts: [alert],
                flushedAt: at, externalURL: "http://127.0.0.1:4040"),
            state: state, attempts: state == .pending ? 2 : 1, createdAt: at,
            nextAttemptAt: at.advanced(by: .seconds(30)),
            lastError: state == .failed ? "HTTP 400" : nil, lastStatus: state == .failed ? 400 : 200)
    }

    @Test("lists newest first with filters; shows one; rejects bad filters")
    func history() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.store.enqueueOutbox([
            Self.item("a", receiver: "ops", minute: 0, state: .delivered),
            Self.item("b", receiver: "dev", minute: 1, state: .failed),
            Self.item("c", receiver: "ops", minute: 2, state: .pending),
        ])
        try await world.run { client in
            let all = try await client.execute(uri: "/api/v1/notifications", method: .get)
            #expect(all.status == .ok)
            let list = try #require(all.json["notifications"] as? [[String: Any]])
            #expect(list.compactMap { $0["id"] as? String } == ["c", "b", "a"])
            #expect(list.first?["nextAttemptAt"] as? String != nil)
            #expect(list.last?["nextAttemptAt"] == nil)
            #expect((list.last?["alerts"] as? [[String: Any]])?.first?["status"] as? String == "firing")

            let ops = try await client.execute(uri: "/api/v1/notifications?receiver=ops&state=pending", method: .get)
            #expect((ops.json["notifications"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["c"])
            let one = try await client.execute(uri: "/api/v1/notifications/b", method: .get)
            #expect(one.json["lastError"] as? String == "HTTP 400")
            #expect(one.json["state"] as? String == "failed")
            let missing = try await client.execute(uri: "/api/v1/notifications/zzz", method: .get)
            #expect(missing.status == .notFound)
            let bad = try await client.execute(uri: "/api/v1/notifications?state=lost", method: .get)
            #expect(bad.status == .badRequest)
            let badLimit = try await client.execute(uri: "/api/v1/notifications?limit=0", method: .get)
            #expect(badLimit.status == .badRequest)
        }
    }

    @Test("POST /api/v2/alerts needs a responder token")
    func intakeNeedsAToken() async throws {
        let world = TestWorld(anonymousRead: true)
        let viewer = try await world.addToken(.viewer)
        try await world.run { client in
            let anonymous = try await client.execute(
                uri: "/api/v2/alerts", method: .post, body: jsonBody([["labels": ["alertname": "A"]]]))
            #expect(anonymous.status == .unauthorized)
            let asViewer = try await client.execute(
                uri: "/api/v2/alerts", method: .post, headers: bearer(viewer),
                body: jsonBody([["labels": ["alertname": "A"]]]))
            #expect(asViewer.status == .forbidden)
        }
    }
}
