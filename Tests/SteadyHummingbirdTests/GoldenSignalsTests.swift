import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import ResilienceMetrics
import SteadyHummingbird
import Testing

@Suite("Golden signals and the builder")
struct GoldenSignalsTests {
    @Test("Requests are counted by method, route template and code; probes and admin calls are not")
    func counts() async throws {
        let metrics = RecordingMetrics()
        let clock = ManualClock()
        let serverMetrics = HTTPServerMetrics(
            factory: metrics, saturation: .init(name: "api_saturation_ratio", capacity: 4))
        let router = Router()
        router.add(middleware: GoldenSignalsMiddleware(metrics: serverMetrics, clock: clock))
        router.get("/items/{id}") { _, context -> String in
            clock.advance(by: .milliseconds(30))
            guard context.parameters.get("id") == "1" else { throw HTTPError(.notFound) }
            return "item"
        }
        router.get("/health/live") { _, _ in "ok" }
        router.get("/metrics") { _, _ in "" }
        try await Application(router: router).test(.router) { client in
            _ = try await client.execute(uri: "/items/1", method: .get)
            _ = try await client.execute(uri: "/items/1", method: .get)
            _ = try await client.execute(uri: "/items/2", method: .get)
            _ = try await client.execute(uri: "/nowhere", method: .get)
            _ = try await client.execute(uri: "/health/live", method: .get)
            _ = try await client.execute(uri: "/metrics", method: .get)
        }
        let name = HTTPServerMetrics.requestsName
        #expect(metrics.value(name, [("method", "GET"), ("route", "/items/{id}"), ("code", "200")]) == 2)
        #expect(metrics.value(name, [("method", "GET"), ("route", "/items/{id}"), ("code", "404")]) == 1)
        #expect(metrics.value(name, [("method", "GET"), ("route", "unmatched"), ("code", "404")]) == 1)
        #expect(metrics.keys(prefix: name).count == 3)
        // Latency is split by status code too (promhttp's `code` label): the 404 does not hide in the 200s.
        let duration = HTTPServerMetrics.durationName
        #expect(metrics.value(duration + "{code=200,method=GET,route=/items/{id}}#count") == 2)
        #expect(metrics.value(duration + "{code=404,method=GET,route=/items/{id}}#count") == 1)
        #expect(metrics.value(duration + "{code=404,method=GET,route=unmatched}#count") == 1)
        #expect(
            metrics.keys(prefix: duration).count == 6,
            "count and sum for /items/{id} 200 and 404 and unmatched 404: \(metrics.keys(prefix: duration))")
        #expect(
            metrics.value("\(duration){code=200,method=GET,route=/items/{id}}#sum").map { ($0 * 1000).rounded() } == 60)
        #expect(
            metrics.value("\(duration){code=404,method=GET,route=/items/{id}}#sum").map { ($0 * 1000).rounded() } == 30)
        #expect(metrics.value(HTTPServerMetrics.inFlightName) == 0)
        #expect(metrics.value("api_saturation_ratio") == 0)
        #expect(serverMetrics.requestsInFlight == 0)
    }

    @Test("ResilientService installs IDs, metrics, health, faults, deadlines and admission in a few lines")
    func builder() async throws {
        let metrics = RecordingMetrics()
        let clock = ManualClock()
        let resilience = ResilientService(
            configuration: .init(
                metricsFactory: metrics, admission: .staticLimit(8), requestTimeout: .seconds(5),
                timeoutMode: .deadlineOnly, adminToken: "t0ken"),
            clock: clock, logger: TestSupport.logger)
        let health = HealthRegistry(service: .init(serviceId: "shop"))
        health.register(HealthCheck("process", probes: .liveness) { .healthy })
        let router = Router()
        let api = resilience.install(on: router, health: health)
        api.get("/api/deadline") { _, _ -> String in
            let remaining = Deadline.current?.remaining(on: clock)
            return remaining.map { "\($0.components.seconds)" } ?? "none"
        }
        try await Application(router: router).test(.router) { client in
            let response = try await client.execute(uri: "/api/deadline", method: .get)
            #expect(response.status == .ok)
            #expect(TestSupport.string(response.body) == "5")
            #expect(response.headers[TestSupport.field("X-Request-ID")]?.count == 32)
            let expired = try await client.execute(
                uri: "/api/deadline", method: .get, headers: [TestSupport.field("x-request-timeout"): "0S"])
            #expect(expired.status == .gatewayTimeout)
            let live = try await client.execute(uri: "/health/live", method: .get)
            #expect(live.headers[.contentType] == "application/health+json")
            let faults = try await client.execute(uri: "/admin/faults", method: .get)
            #expect(faults.status == .unauthorized)
        }
        #expect(resilience.shedder?.limit == 8)
        let name = HTTPServerMetrics.requestsName
        #expect(metrics.value(name, [("method", "GET"), ("route", "/api/deadline"), ("code", "200")]) == 1)
        #expect(metrics.value(name, [("method", "GET"), ("route", "/api/deadline"), ("code", "504")]) == 1)
        // Admission control reports through ResilienceMetrics, under the configured name.
        #expect(resilience.admissionMetrics?.name == "http_server")
        #expect(metrics.value("resilience_loadshedder_limit", [("name", "http_server")]) == 8)
        // The request with an expired deadline never reaches admission control (the deadline middleware answers).
        #expect(
            metrics.value(
                "resilience_loadshedder_admitted_total", [("name", "http_server"), ("criticality", "CRITICAL")])
                == 1)
    }

    @Test("Label values stay bounded: unknown methods are `other`, codes outside 100…599 are `other`")
    func boundedLabels() async throws {
        #expect(HTTPServerMetrics.methodLabel("PATCH") == "PATCH")
        #expect(HTTPServerMetrics.methodLabel("BREW") == "other")
        #expect(HTTPServerMetrics.codeLabel(503) == "503")
        #expect(HTTPServerMetrics.codeLabel(999) == "other")
        let metrics = RecordingMetrics()
        let serverMetrics = HTTPServerMetrics(factory: metrics)
        let router = Router()
        router.add(middleware: GoldenSignalsMiddleware(metrics: serverMetrics, clock: ManualClock()))
        router.get("/items") { _, _ in "items" }
        try await Application(router: router).test(.router) { client in
            _ = try await client.execute(uri: "/items", method: HTTPRequest.Method("BREW")!)
            _ = try await client.execute(uri: "/items", method: HTTPRequest.Method("COFFEE")!)
        }
        let labels = [("method", "other"), ("route", "unmatched"), ("code", "404")]
        #expect(metrics.value(HTTPServerMetrics.requestsName, labels) == 2)
        #expect(metrics.value(RecordingMetrics.key(HTTPServerMetrics.durationName, labels) + "#count") == 2)
    }
}
