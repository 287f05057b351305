import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import SteadyHummingbird
import Synchronization
import Testing

@Suite("Health routes")
struct HealthRoutesTests {
    static func makeApplication(database: Locked<HealthStatus>, cacheReachable: Bool) -> some ApplicationProtocol {
        let registry = HealthRegistry(
            service: HealthServiceInfo(serviceId: "orders", version: "2", releaseId: "2.1.0"),
            clock: ContinuousClock(), wallClock: { HealthTime(secondsSinceEpoch: 1_700_000_000) })
        registry.register(HealthCheck("process", componentType: "system", probes: .liveness) { .healthy })
        registry.register(
            HealthCheck("postgres", componentType: "datastore", probes: .readiness) {
                HealthCheckResult(
                    database.value, output: "primary unreachable",
                    observations: [.init(measurement: "responseTime", value: 12.5, unit: "ms")])
            })
        registry.register(
            HealthCheck("cache", probes: .readiness, isCritical: false) {
                cacheReachable ? .healthy : HealthCheckResult(.unhealthy, output: "redis timeout")
            })
        registry.register(HealthCheck("migrations", probes: .startup) { .healthy })
        let router = Router()
        HealthRoutes(registry: registry).register(on: router)
        return Application(router: router)
    }

    @Test("live, ready and startup answer application/health+json with each probe's checks")
    func healthy() async throws {
        let app = Self.makeApplication(database: Locked(HealthStatus.healthy), cacheReachable: true)
        try await app.test(.router) { client in
            let expectedKeys: [String: Set<String>] = [
                "live": ["process"], "ready": ["postgres:responseTime", "cache"], "startup": ["migrations"],
            ]
            for (probe, keys) in expectedKeys {
                let response = try await client.execute(uri: "/health/\(probe)", method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/health+json")
                #expect(response.headers[.cacheControl] == "no-store")
                let body = try TestSupport.json(response.body)
                #expect(body["status"] as? String == "pass")
                #expect(body["serviceId"] as? String == "orders")
                #expect(body["releaseId"] as? String == "2.1.0")
                #expect(body["output"] == nil)
                let checks = try #require(body["checks"] as? [String: [[String: Any]]])
                #expect(Set(checks.keys) == keys, "\(probe)")
            }
            let ready = try TestSupport.json(try await client.execute(uri: "/health/ready", method: .get).body)
            let postgres = try #require(
                (ready["checks"] as? [String: [[String: Any]]])?["postgres:responseTime"]?.first)
            #expect(postgres["observedValue"] as? Double == 12.5)
            #expect(postgres["observedUnit"] as? String == "ms")
            #expect(postgres["componentType"] as? String == "datastore")
            #expect(postgres["time"] as? String == "2023-11-14T22:13:20Z")
        }
    }

    @Test("A failing critical check answers 503 fail; a failing non-critical one only warns (200)")
    func failing() async throws {
        let database = Locked(HealthStatus.unhealthy)
        let app = Self.makeApplication(database: database, cacheReachable: false)
        try await app.test(.router) { client in
            let down = try await client.execute(uri: "/health/ready", method: .get)
            #expect(down.status == .serviceUnavailable)
            let body = try TestSupport.json(down.body)
            #expect(body["status"] as? String == "fail")
            #expect((body["output"] as? String)?.contains("postgres: primary unreachable") == true)
            let live = try await client.execute(uri: "/health/live", method: .get)
            #expect(live.status == .ok)

            database.value = .healthy
            let degraded = try await client.execute(uri: "/health/ready", method: .get)
            #expect(degraded.status == .ok)
            let degradedBody = try TestSupport.json(degraded.body)
            #expect(degradedBody["status"] as? String == "warn")
            #expect((degradedBody["output"] as? String)?.contains("redis timeout") == true)
        }
    }
}
