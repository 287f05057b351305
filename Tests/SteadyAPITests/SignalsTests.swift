import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Services and signals")
struct SignalsTests {
    @Test("defaults: the last hour in 1m steps")
    func defaults() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/services/checkout/signals", method: .get)
            #expect(response.status == .ok)
            #expect(response.json["step"] as? String == "1m")
            #expect(response.json["from"] as? String == "2023-11-14T21:13:20.000Z")
            #expect(response.json["to"] as? String == "2023-11-14T22:13:20.000Z")
            #expect((response.json["points"] as? [[String: Any]])?.count == 60)
            let point = try #require((response.json["points"] as? [[String: Any]])?.first)
            #expect(point["errorRatio"] as? Double == 0.01)
            #expect(point["start"] as? String == "2023-11-14T21:13:20.000Z")
            let call = try #require(world.signalCalls.withLock { $0.last })
            #expect(call.0 == "checkout")
            #expect(call.1 == TestWorld.start.advanced(by: .seconds(-3600)))
            #expect(call.2 == TestWorld.start)
            #expect(call.3 == .seconds(60))
        }
    }

    @Test("from/to accept RFC 3339 and Unix seconds; step accepts Prometheus durations")
    func parameters() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(
                uri: "/api/v1/services/checkout/signals?from=2023-11-14T20:00:00%2B01:00&to=1699995600&step=5m",
                method: .get)
            #expect(response.status == .ok)
            let call = try #require(world.signalCalls.withLock { $0.last })
            #expect(call.1 == WallInstant(secondsSinceEpoch: 1_699_988_400))
            #expect(call.2 == WallInstant(secondsSinceEpoch: 1_699_995_600))
            #expect(call.3 == .seconds(300))
            #expect((response.json["points"] as? [Any])?.count == 24)
        }
    }

    @Test(
        "invalid queries are 400",
        arguments: [
            "step=30s", "step=90s", "step=fast", "from=yesterday", "from=1700000000&to=1699990000",
            "from=1700000000&to=1700000000", "from=2023-11-01T00:00:00Z&to=2023-11-09T00:00:00Z&step=1m",
            "from=2023-02-30T00:00:00Z",
        ])
    func invalid(query: String) async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/services/checkout/signals?\(query)", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "bad_request")
        }
        #expect(world.signalCalls.withLock { $0.isEmpty })
    }

    @Test("seven days at 1m (10,080 points) is accepted; the limit is 11,000")
    func sevenDays() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(
                uri: "/api/v1/services/checkout/signals?from=2023-11-01T00:00:00Z&to=2023-11-08T00:00:00Z",
                method: .get)
            #expect(response.status == .ok)
            #expect((response.json["points"] as? [Any])?.count == 10_080)
        }
    }

    @Test("unknown services are 404")
    func unknownService() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            for uri in ["/api/v1/services/nope", "/api/v1/services/nope/signals"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
                #expect(response.errorMessage?.contains("nope") == true)
            }
        }
    }

    @Test("the service list carries target counts, current signals and SLOs")
    func list() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/services", method: .get)
            #expect(response.status == .ok)
            let services = try #require(response.json["services"] as? [[String: Any]])
            #expect(services.compactMap { $0["name"] as? String } == ["checkout", TestWorld.hostileName, "broken"])
            let checkout = services[0]
            #expect(checkout["targets"] as? [String: Int] == ["up": 1, "down": 1, "unknown": 0, "total": 2])
            #expect((checkout["signals"] as? [String: Any])?["latencyP95"] as? Double == 0.080)
            #expect((checkout["slos"] as? [[String: Any]])?.first?["objective"] as? Double == 99.9)
            // A failing signal source leaves the service without signals instead of failing the list.
            #expect(services[2]["signals"] == nil)
        }
    }

    @Test("service detail shows selectors, scrape config, targets and SLOs")
    func detail() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/services/checkout", method: .get)
            #expect(response.status == .ok)
            let spec = try #require(response.json["signalSpec"] as? [String: Any])
            #expect(spec["requests"] as? String == "http_requests_total")
            #expect(spec["errors"] as? String == #"http_requests_total{code=~"5.."}"#)
            #expect((response.json["scrape"] as? [String: Any])?["interval"] as? String == "10s")
            #expect((response.json["targets"] as? [Any])?.count == 2)
            let slo = try #require((response.json["slos"] as? [[String: Any]])?.first)
            #expect(slo["period"] as? String == "rolling 30d")
            #expect((slo["sli"] as? [String: Any])?["type"] as? String == "ratio")

            let hostile = try await client.execute(
                uri: "/api/v1/services/%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E", method: .get)
            #expect(hostile.status == .ok)
            #expect(hostile.json["name"] as? String == TestWorld.hostileName)
        }
    }

    @Test("targets can be filtered by service")
    func targets() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let all = try await client.execute(uri: "/api/v1/targets", method: .get)
            #expect((all.json["targets"] as? [Any])?.count == 3)
            let checkout = try await client.execute(uri: "/api/v1/targets?service=checkout", method: .get)
            let targets = try #require(checkout.json["targets"] as? [[String: Any]])
            #expect(targets.count == 2)
            #expect(targets.first?["health"] as? String == "up")
            #expect(targets.first?["lastScrape"] as? String == "2023-11-14T22:13:20.000Z")
        }
    }

    @Test("status reports version, uptime and readiness")
    func status() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            await world.clock.advance(by: .seconds(90))
            world.ready.withLock { $0 = false }
            let response = try await client.execute(uri: "/api/v1/status", method: .get)
            #expect(response.json["version"] as? String == "0.0.0-test")
            #expect(response.json["uptimeSeconds"] as? Double == 90)
            #expect(response.json["ready"] as? Bool == false)
        }
    }
}
