import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SteadyDemoService
import Testing

@Suite("Golden-signal metrics")
struct MetricsTests {
    @Test("/metrics serves text format 0.0.4 with the in-flight and saturation gauges at 0")
    func exposition() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let metrics = MetricsText(TestSupport.string(response.body))
            #expect(metrics.value("http_requests_in_flight") == 0)
            #expect(metrics.value("checkout_saturation_ratio") == 0)
            #expect(metrics.text.contains("# TYPE http_requests_in_flight gauge"))
            #expect(metrics.samples(named: "http_requests_total").isEmpty)
        }
    }

    @Test("http_requests_total counts by method, route template and code; unmatched routes are 'unmatched'")
    func requestCounter() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            for id in ["mug", "kettle"] {
                try await client.execute(uri: "/api/products/\(id)", method: .get)
            }
            try await client.execute(uri: "/api/products/teapot", method: .get)
            try await client.execute(uri: "/api/products", method: .get)
            try await client.execute(uri: "/nope", method: .get)
            try await client.execute(uri: "/api/products", method: .delete)
            try await client.execute(
                uri: "/api/cart/c9/items",
                method: .post,
                headers: TestSupport.jsonHeaders,
                body: TestSupport.jsonBody("{}")
            )

            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.text.contains("# TYPE http_requests_total counter"))
            #expect(
                metrics.requestCounts == [
                    "GET /api/products/{id} 200": 2,
                    "GET /api/products/{id} 404": 1,
                    "GET /api/products 200": 1,
                    "GET unmatched 404": 1,
                    "DELETE unmatched 404": 1,
                    "POST /api/cart/{cartID}/items 400": 1,
                ]
            )
        }
    }

    @Test("/metrics, /health/* and /admin/* are not counted")
    func nonUserTrafficIsNotCounted() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get)
            try await client.execute(uri: "/health/live", method: .get)
            try await client.execute(uri: "/health/ready", method: .get)
            try await client.execute(uri: "/health/startup", method: .get)
            try await client.execute(uri: "/health/unknown", method: .get)
            try await client.execute(uri: "/admin/faults", method: .get)
            try await client.execute(uri: "/admin/faults", method: .get, headers: TestSupport.adminHeaders)
            try await client.execute(uri: "/api/products", method: .get)

            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.requestCounts == ["GET /api/products 200": 1])
            #expect(
                metrics.samples(named: "http_request_duration_seconds_count").map(\.labels["route"]) == [
                    "/api/products"
                ])
        }
    }

    @Test("http_request_duration_seconds uses the standard buckets and measures on the injected clock")
    func durationHistogram() async throws {
        let service = TestSupport.makeService()
        try await service.makeApplication().test(.router) { client in
            try await TestSupport.setFaults(#"{"addedLatencyMs":250}"#, client: client)
            try await client.execute(uri: "/api/products", method: .get)

            let metrics = try await TestSupport.metrics(client)
            let labels = ["method": "GET", "route": "/api/products", "code": "200"]
            let buckets = metrics.samples(named: "http_request_duration_seconds_bucket")
                .filter { $0.labels["route"] == "/api/products" }
                .compactMap { $0.labels["le"] }
            #expect(
                buckets.compactMap(Double.init) == [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, .infinity])
            #expect(metrics.value("http_request_duration_seconds_bucket", labels.merging(["le": "0.1"]) { $1 }) == 0)
            #expect(metrics.value("http_request_duration_seconds_bucket", labels.merging(["le": "0.25"]) { $1 }) == 1)
            #expect(metrics.value("http_request_duration_seconds_count", labels) == 1)
            #expect(metrics.value("http_request_duration_seconds_sum", labels) == 0.25)
        }
    }
}
