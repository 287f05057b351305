import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Testing

@Suite("Alerts on the dashboard")
struct AlertDashboardTests {
    static let states: [AlertAccess.AlertState] = [
        AlertAccess.AlertState(
            alert: Alert(
                labels: Labels(["alertname": "HighLatency", "service": "checkout", "severity": "critical"]),
                annotations: Labels(["summary": "<b>p99</b> above 500ms"]), startsAt: TestWorld.start,
                endsAt: TestWorld.start.advanced(by: .seconds(600)), updatedAt: TestWorld.start),
            receivers: ["checkout-team"], silencedBy: [], inhibitedBy: []),
        AlertAccess.AlertState(
            alert: Alert(
                labels: Labels(["alertname": "DiskFull"]), startsAt: TestWorld.start,
                endsAt: TestWorld.start.advanced(by: .seconds(600)), updatedAt: TestWorld.start),
            receivers: ["ops"], silencedBy: ["silence-1"], inhibitedBy: []),
        AlertAccess.AlertState(
            alert: Alert(
                labels: Labels(["alertname": "AlreadyResolved"]),
                startsAt: TestWorld.start.advanced(by: .seconds(-600)),
                endsAt: TestWorld.start.advanced(by: .seconds(-60)), updatedAt: TestWorld.start),
            receivers: ["ops"], silencedBy: [], inhibitedBy: []),
    ]

    static let access = AlertAccess(
        post: { _ in nil }, pagerDuty: { _, _ in .invalid([]) }, alerts: { AlertDashboardTests.states },
        groups: { [] }, receivers: { ["ops", "checkout-team"] }, configYAML: { "" })

    @Test("the overview and /alerts list firing alerts (escaped), suppression, and notifications")
    func pages() async throws {
        let world = TestWorld(anonymousRead: true, alerting: Self.access)
        try await world.store.enqueueOutbox([
            NotificationTests.item("n1", receiver: "checkout-team", minute: 0, state: .failed)
        ])
        try await world.run { client in
            let index = try await client.execute(uri: "/", method: .get)
            let html = String(buffer: index.body)
            #expect(html.contains("<h2>Firing alerts</h2>"))
            #expect(html.contains("HighLatency"))
            #expect(html.contains("&lt;b&gt;p99&lt;/b&gt;"))
            #expect(!html.contains("<b>p99</b>"))
            #expect(!html.contains("AlreadyResolved"))

            let page = try await client.execute(uri: "/alerts", method: .get)
            #expect(page.status == .ok)
            let alerts = String(buffer: page.body)
            #expect(alerts.contains("silenced"))
            #expect(alerts.contains("checkout-team"))
            #expect(alerts.contains("HTTP 400"))
            #expect(alerts.contains("failed"))
        }
    }
}
