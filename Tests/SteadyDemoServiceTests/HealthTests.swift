import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SteadyDemoService
import Testing

@Suite("Health endpoints")
struct HealthTests {
    @Test(
        "live, ready and startup answer application/health+json with status pass",
        arguments: ["live", "ready", "startup"])
    func healthyByDefault(endpoint: String) async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health/\(endpoint)", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/health+json")
            let body = try TestSupport.json(response.body)
            #expect(body["status"] as? String == "pass")
            #expect(body["serviceId"] as? String == "checkout")
            #expect(body["output"] == nil)
            let checks = try #require(body["checks"] as? [String: [[String: Any]]])
            #expect(!checks.isEmpty)
            #expect(checks.values.allSatisfy { $0.allSatisfy { $0["status"] as? String == "pass" } })
        }
    }

    @Test("Readiness checks the store and the payments dependency")
    func readinessChecks() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health/ready", method: .get)
            let checks = try #require(try TestSupport.json(response.body)["checks"] as? [String: [[String: Any]]])
            #expect(Set(checks.keys) == ["store:responseTime", "payments:availability"])
            #expect(checks["store:responseTime"]?.first?["componentType"] as? String == "datastore")
            #expect(checks["payments:availability"]?.first?["componentId"] as? String == "payments")
        }
    }

    @Test("The down fault fails readiness with 503 but not liveness; other faults make readiness warn")
    func faultsAffectReadiness() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"down":true}"#, client: client)
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .serviceUnavailable)
            let body = try TestSupport.json(ready.body)
            #expect(body["status"] as? String == "fail")
            #expect((body["output"] as? String)?.contains("payments") == true)
            let checks = try #require(body["checks"] as? [String: [[String: Any]]])
            #expect(checks["payments:availability"]?.first?["status"] as? String == "fail")
            #expect(checks["store:responseTime"]?.first?["status"] as? String == "pass")

            let live = try await client.execute(uri: "/health/live", method: .get)
            #expect(live.status == .ok)

            try await TestSupport.setFaults(#"{"errorRatio":0.5}"#, client: client)
            let degraded = try await client.execute(uri: "/health/ready", method: .get)
            #expect(degraded.status == .ok)
            #expect(try TestSupport.json(degraded.body)["status"] as? String == "warn")
        }
    }

    @Test("Liveness reports uptime on the injected clock")
    func uptime() async throws {
        let clock = VirtualClock()
        let app = TestSupport.makeService(clock: clock).makeApplication()
        clock.advance(by: .seconds(90))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/health/live", method: .get)
            let checks = try #require(try TestSupport.json(response.body)["checks"] as? [String: [[String: Any]]])
            #expect(checks["process:uptime"]?.first?["observedValue"] as? Double == 90)
            #expect(checks["process:uptime"]?.first?["observedUnit"] as? String == "s")
            #expect(checks["process:uptime"]?.first?["componentType"] as? String == "system")
        }
    }
}
