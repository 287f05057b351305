import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SteadyDemoService
import Testing

@Suite("Admin fault switch over HTTP")
struct FaultSwitchRoutesTests {
    @Test(
        "Without a configured admin token every admin route answers 403",
        arguments: [HTTPRequest.Method.get, .post, .delete])
    func disabledWithoutToken(method: HTTPRequest.Method) async throws {
        let app = TestSupport.makeService(adminToken: nil).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/admin/faults",
                method: method,
                headers: [.authorization: "Bearer anything", .contentType: "application/json"],
                body: TestSupport.jsonBody(#"{"down":true}"#)
            )
            #expect(response.status == .forbidden)
            #expect(try TestSupport.errorCode(response.body) == "forbidden")
            let api = try await client.execute(uri: "/api/products", method: .get)
            #expect(api.status == .ok)
        }
    }

    @Test("Missing credentials answer 401 with WWW-Authenticate; a wrong token answers 403; the right one 200")
    func authentication() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let anonymous = try await client.execute(uri: "/admin/faults", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(try TestSupport.errorCode(anonymous.body) == "unauthorized")

            let basic = try await client.execute(
                uri: "/admin/faults", method: .get, headers: [.authorization: "Basic Zm9vOmJhcg=="])
            #expect(basic.status == .unauthorized)

            let wrong = try await client.execute(
                uri: "/admin/faults", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .forbidden)
            #expect(try TestSupport.errorCode(wrong.body) == "forbidden")

            let prefix = try await client.execute(
                uri: "/admin/faults",
                method: .get,
                headers: [.authorization: "Bearer \(TestSupport.adminToken.dropLast())"]
            )
            #expect(prefix.status == .forbidden)

            let right = try await client.execute(uri: "/admin/faults", method: .get, headers: TestSupport.adminHeaders)
            #expect(right.status == .ok)
            let status = try TestSupport.json(right.body)
            #expect(status["active"] as? Bool == false)
        }
    }

    @Test("errorRatio 1.0 fails every API request with 500 and counts them; health and metrics are unaffected")
    func errorRatioOne() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let set = try await TestSupport.setFaults(#"{"errorRatio":1.0}"#, client: client)
            #expect(set.status == .ok)
            let status = try TestSupport.json(set.body)
            #expect(status["active"] as? Bool == true)
            #expect(status["errorRatio"] as? Double == 1)
            #expect(status["ttlSeconds"] as? Double == 600)

            for _ in 0..<20 {
                let response = try await client.execute(uri: "/api/products", method: .get)
                #expect(response.status == .internalServerError)
                #expect(try TestSupport.errorCode(response.body) == "injected_fault")
            }
            let live = try await client.execute(uri: "/health/live", method: .get)
            #expect(live.status == .ok)
            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.requestCounts == ["GET /api/products 500": 20])
        }
    }

    @Test("errorRatio 0.0 injects nothing, and clears the switch")
    func errorRatioZero() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"errorRatio":1.0}"#, client: client)
            let set = try await TestSupport.setFaults(#"{"errorRatio":0.0}"#, client: client)
            #expect(set.status == .ok)
            #expect(try TestSupport.json(set.body)["active"] as? Bool == false)
            for _ in 0..<20 {
                let response = try await client.execute(uri: "/api/products", method: .get)
                #expect(response.status == .ok)
            }
            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.requestCounts == ["GET /api/products 200": 20])
        }
    }

    @Test("A fractional errorRatio fails a seeded share of requests")
    func fractionalErrorRatio() async throws {
        let app = TestSupport.makeService(seed: 7).makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"errorRatio":0.5}"#, client: client)
            var failures = 0
            for _ in 0..<200 {
                let response = try await client.execute(uri: "/api/products", method: .get)
                if response.status == .internalServerError { failures += 1 } else { #expect(response.status == .ok) }
            }
            // A fixed seed makes this exact run reproducible; the share must be near one half.
            #expect(failures > 60 && failures < 140)
            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.requestCounts["GET /api/products 500"] == failures)
            #expect(metrics.requestCounts["GET /api/products 200"] == 200 - failures)
        }
    }

    @Test("addedLatencyMs delays API requests on the injected clock, not admin or health requests")
    func addedLatency() async throws {
        let clock = VirtualClock()
        let app = TestSupport.makeService(clock: clock).makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"addedLatencyMs":250}"#, client: client)
            try await client.execute(uri: "/health/ready", method: .get)
            #expect(clock.sleeps.isEmpty)
            let response = try await client.execute(uri: "/api/products", method: .get)
            #expect(response.status == .ok)
            #expect(clock.sleeps == [.milliseconds(250)])
        }
    }

    @Test("down makes API requests answer 503")
    func down() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"down":true}"#, client: client)
            let response = try await client.execute(uri: "/api/products/mug", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(try TestSupport.errorCode(response.body) == "unavailable")
            let metrics = try await TestSupport.metrics(client)
            #expect(metrics.requestCounts == ["GET /api/products/{id} 503": 1])
        }
    }

    @Test("Faults expire after ttlSeconds on the injected clock")
    func expiry() async throws {
        let clock = VirtualClock()
        let app = TestSupport.makeService(clock: clock).makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"errorRatio":1,"ttlSeconds":60}"#, client: client)
            clock.advance(by: .seconds(59))
            let status = try await client.execute(uri: "/admin/faults", method: .get, headers: TestSupport.adminHeaders)
            let body = try TestSupport.json(status.body)
            #expect(body["active"] as? Bool == true)
            #expect(body["ttlSeconds"] as? Double == 60)
            #expect(body["remainingSeconds"] as? Double == 1)
            #expect(try await client.execute(uri: "/api/products", method: .get).status == .internalServerError)

            clock.advance(by: .seconds(1))
            #expect(try await client.execute(uri: "/api/products", method: .get).status == .ok)
            let after = try await client.execute(uri: "/admin/faults", method: .get, headers: TestSupport.adminHeaders)
            #expect(try TestSupport.json(after.body)["active"] as? Bool == false)
        }
    }

    @Test("Without ttlSeconds faults last the default 600 s")
    func defaultTTL() async throws {
        let clock = VirtualClock()
        let app = TestSupport.makeService(clock: clock).makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"down":true}"#, client: client)
            clock.advance(by: .seconds(599))
            #expect(try await client.execute(uri: "/api/products", method: .get).status == .serviceUnavailable)
            clock.advance(by: .seconds(1))
            #expect(try await client.execute(uri: "/api/products", method: .get).status == .ok)
        }
    }

    @Test("DELETE clears the faults")
    func deleteClears() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            try await TestSupport.setFaults(#"{"down":true}"#, client: client)
            let deleted = try await client.execute(
                uri: "/admin/faults", method: .delete, headers: TestSupport.adminHeaders)
            #expect(deleted.status == .ok)
            #expect(try TestSupport.json(deleted.body)["active"] as? Bool == false)
            #expect(try await client.execute(uri: "/api/products", method: .get).status == .ok)
        }
    }

    @Test(
        "Invalid fault bodies answer 400 with a message",
        arguments: [
            (#"{"errorRatio":1.5}"#, "errorRatio"),
            (#"{"errorRatio":-0.1}"#, "errorRatio"),
            (#"{"addedLatencyMs":-5}"#, "addedLatencyMs"),
            (#"{"addedLatencyMs":600000}"#, "addedLatencyMs"),
            (#"{"ttlSeconds":0}"#, "ttlSeconds"),
            (#"{"ttlSeconds":86401}"#, "ttlSeconds"),
            (#"{"down":"yes"}"#, "down"),
            (#"{"errorRate":0.5}"#, "errorRate"),
            ("[1,2]", "JSON object"),
            ("{", "not valid JSON"),
            ("", "JSON object"),
        ]
    )
    func invalidBodies(body: String, mentions: String) async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let response = try await TestSupport.setFaults(body, client: client)
            #expect(response.status == .badRequest)
            #expect(try TestSupport.errorCode(response.body) == "invalid_fault")
            let message = try #require(try TestSupport.errorMessage(response.body))
            #expect(message.contains(mentions), "\(message)")
            let status = try await client.execute(uri: "/admin/faults", method: .get, headers: TestSupport.adminHeaders)
            #expect(try TestSupport.json(status.body)["active"] as? Bool == false)
        }
    }
}
