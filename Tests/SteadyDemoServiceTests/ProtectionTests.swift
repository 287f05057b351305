import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SteadyDemoService
import Testing

@Suite("Overload protection in the demo service")
struct ProtectionTests {
    static let timeout = HTTPField.Name("x-request-timeout")!
    static let criticality = HTTPField.Name("x-criticality")!

    @Test("A request whose x-request-timeout is already used up is answered 504 and not served")
    func expiredDeadline() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let expired = try await client.execute(
                uri: "/api/products", method: .get, headers: [Self.timeout: "0m", Self.criticality: "SHEDDABLE"])
            #expect(expired.status == .gatewayTimeout)
            #expect(try TestSupport.errorCode(expired.body) == "deadline_exceeded")
            let fine = try await client.execute(uri: "/api/products", method: .get, headers: [Self.timeout: "5S"])
            #expect(fine.status == .ok)
            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.requestCounts == ["GET /api/products 504": 1, "GET /api/products 200": 1])
            #expect(
                metrics.value(
                    "http_requests_rejected_total", ["reason": "deadline", "criticality": "SHEDDABLE"]) == 1)
        }
    }

    @Test("Without protection the deadline header is ignored")
    func unprotectedIgnoresDeadline() async throws {
        let app = TestSupport.makeService(protection: .none).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/products", method: .get, headers: [Self.timeout: "0m"])
            #expect(response.status == .ok)
        }
    }

    @Test("Health, metrics and admin routes are not subject to admission control or deadlines")
    func operationalRoutesUnprotected() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            for uri in ["/health/live", "/health/ready", "/metrics"] {
                let response = try await client.execute(uri: uri, method: .get, headers: [Self.timeout: "0m"])
                #expect(response.status == .ok, "\(uri)")
            }
        }
    }

    /// A protected service on `clock` with a 10 s request timeout that does not cancel (deadline-only mode).
    static func deadlineOnlyService(clock: VirtualClock, latencyMs: ClosedRange<Int>) -> DemoService<VirtualClock> {
        var configuration = DemoServiceConfiguration(port: 0, adminToken: TestSupport.adminToken)
        configuration.simulatedLatencyMs = latencyMs
        configuration.requestTimeout = .seconds(10)
        configuration.cancelsTimedOutRequests = false
        return DemoService(configuration: configuration, clock: clock, logger: TestSupport.logger)
    }

    @Test("In deadline-only mode simulated latency sleeps only until the deadline, then the request is answered 504")
    func simulatedLatencyStopsAtDeadline() async throws {
        let clock = VirtualClock()
        let app = Self.deadlineOnlyService(clock: clock, latencyMs: 2_000...2_000).makeApplication()
        try await app.test(.router) { client in
            let late = try await client.execute(uri: "/api/products", method: .get, headers: [Self.timeout: "150m"])
            #expect(late.status == .gatewayTimeout)
            #expect(try TestSupport.errorCode(late.body) == "deadline_exceeded")
            #expect(clock.sleeps == [.milliseconds(150)])
            let fine = try await client.execute(uri: "/api/products", method: .get, headers: [Self.timeout: "5S"])
            #expect(fine.status == .ok)
            #expect(clock.sleeps == [.milliseconds(150), .seconds(2)])
        }
    }

    @Test("In deadline-only mode injected latency sleeps only until the deadline, then the request is answered 504")
    func injectedLatencyStopsAtDeadline() async throws {
        let clock = VirtualClock()
        let app = Self.deadlineOnlyService(clock: clock, latencyMs: 0...0).makeApplication()
        try await app.test(.router) { client in
            #expect(try await TestSupport.setFaults(#"{"addedLatencyMs":3000}"#, client: client).status == .ok)
            let late = try await client.execute(uri: "/api/products", method: .get, headers: [Self.timeout: "200m"])
            #expect(late.status == .gatewayTimeout)
            #expect(clock.sleeps == [.milliseconds(200)])
            let metrics = try await TestSupport.metrics(client)
            #expect(
                metrics.value("http_requests_rejected_total", ["reason": "deadline", "criticality": "CRITICAL"]) == 1)
        }
    }
}
