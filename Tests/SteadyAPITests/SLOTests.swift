import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("SLO routes")
struct SLORouteTests {
    static func status(_ name: String, remaining: Double?, allowed: Bool) -> SLOStatus {
        SLOStatus(
            slo: "checkout/\(name)", service: "checkout", name: name, sloTarget: 0.999, period: "rolling 30d",
            periodStart: TestWorld.start.advanced(by: .seconds(-30 * 86_400)), evaluatedAt: TestWorld.start,
            budgetingMethod: "occurrences", goodEventsCount: 999_000, badEventsCount: 500, sliMeasurement: 0.9995,
            errorBudgetTarget: 0.001, errorBudgetRemainingRatio: remaining, errorBudgetMinutes: 43.2,
            windows: [
                SLOWindowStatus(
                    window: "1h", windowSeconds: 3600, goodEventsCount: 1000, badEventsCount: 0, sliMeasurement: 1,
                    errorBudgetMeasurement: 0, errorBudgetBurnRate: 0, alertingBurnRateThreshold: 14.4)
            ],
            alerts: allowed
                ? []
                : [
                    SLOAlert(
                        name: SLOAlert.exhaustedAlertName,
                        labels: ["alertname": SLOAlert.exhaustedAlertName, "service": "checkout", "slo": name],
                        annotations: ["summary": "gone"], startsAt: TestWorld.start)
                ],
            gate: SLOGate(
                allowed: allowed, reason: allowed ? "fine" : "deploys frozen", freezeBelow: 0.1,
                remainingRatio: remaining))
    }

    static let converted = Mutex<[(String, String)]>([])

    static func access() -> SLOAccess {
        SLOAccess(
            statuses: {
                [
                    status("availability", remaining: 0.5, allowed: true),
                    status("latency", remaining: -0.2, allowed: false),
                ]
            },
            series: { id, from, to, step in
                guard id == "checkout/availability" else { return nil }
                return SLOSeries(
                    slo: id, step: PrometheusDuration.format(step),
                    points: [
                        SLOSeries.Point(
                            time: to, sliMeasurement: 0.9995, errorBudgetRemainingRatio: 0.5, burnRate1h: 0.2,
                            goodEventsCount: 10, badEventsCount: 0)
                    ])
            },
            rules: { sloth in sloth ? "groups: [] # sloth\n" : "groups: []\n" },
            openSLO: { "apiVersion: openslo/v1\n" },
            convert: { text, name in
                converted.withLock { $0.append((text, name)) }
                guard text.contains("prometheus/v1") else { throw ConversionFailure() }
                return "services: []\n"
            })
    }

    struct ConversionFailure: Error, CustomStringConvertible {
        var description: String { "sloth.yml:1:1: error: unknown document" }
    }

    @Test("list, detail and gate carry slo-generator field names and RFC 3339 times")
    func listAndDetail() async throws {
        let world = TestWorld(anonymousRead: true, slo: Self.access())
        try await world.run { client in
            let list = try await client.execute(uri: "/api/v1/slos?service=checkout", method: .get)
            #expect(list.status == .ok)
            let slos = try #require(list.json["slos"] as? [[String: Any]])
            #expect(slos.map { $0["slo"] as? String } == ["checkout/availability", "checkout/latency"])
            #expect(slos.first?["sli_measurement"] as? Double == 0.9995)
            #expect(slos.first?["evaluated_at"] as? String == "2023-11-14T22:13:20.000Z")
            let window = try #require((slos.first?["windows"] as? [[String: Any]])?.first)
            #expect(window["error_budget_burn_rate"] as? Double == 0)
            #expect(window["alerting_burn_rate_threshold"] as? Double == 14.4)

            let none = try await client.execute(uri: "/api/v1/slos?service=nobody", method: .get)
            #expect((none.json["slos"] as? [Any])?.isEmpty == true)

            let detail = try await client.execute(uri: "/api/v1/slos/checkout/latency", method: .get)
            #expect(detail.status == .ok)
            #expect((detail.json["alerts"] as? [[String: Any]])?.first?["name"] as? String == "SLOErrorBudgetExhausted")

            let gate = try await client.execute(uri: "/api/v1/slos/checkout/latency/gate", method: .get)
            #expect(gate.status == .ok)
            #expect(gate.json["allowed"] as? Bool == false)
            #expect(gate.json["remaining_ratio"] as? Double == -0.2)

            let missing = try await client.execute(uri: "/api/v1/slos/checkout/nothing/gate", method: .get)
            #expect(missing.status == .notFound)
            #expect(
                (missing.json["error"] as? [String: Any])?["message"] as? String == "SLO \"checkout/nothing\" not found"
            )
        }
    }

    @Test("series validates its range and answers 404 for unknown SLOs")
    func series() async throws {
        let world = TestWorld(anonymousRead: true, slo: Self.access())
        try await world.run { client in
            let ok = try await client.execute(uri: "/api/v1/slos/checkout/availability/series?step=1h", method: .get)
            #expect(ok.status == .ok)
            #expect(ok.json["step"] as? String == "1h")
            #expect((ok.json["points"] as? [[String: Any]])?.first?["burn_rate_1h"] as? Double == 0.2)
            let unknown = try await client.execute(uri: "/api/v1/slos/checkout/latency/series", method: .get)
            #expect(unknown.status == .notFound)
            let tooLong = try await client.execute(
                uri: "/api/v1/slos/checkout/availability/series?from=1600000000&to=1700000000&step=1d", method: .get)
            #expect(tooLong.status == .badRequest)
        }
    }

    @Test("rules, OpenSLO export and conversion; a bad document is a 400 with the importer's message")
    func formats() async throws {
        let world = TestWorld(anonymousRead: true, slo: Self.access())
        try await world.run { client in
            let rules = try await client.execute(uri: "/api/v1/slos/rules?naming=sloth", method: .get)
            #expect(rules.status == .ok)
            #expect(String(buffer: rules.body) == "groups: [] # sloth\n")
            #expect(rules.headers[.contentType] == "application/yaml; charset=utf-8")
            let badNaming = try await client.execute(uri: "/api/v1/slos/rules?naming=pyrra", method: .get)
            #expect(badNaming.status == .badRequest)
            let openSLO = try await client.execute(uri: "/api/v1/slos/openslo", method: .get)
            #expect(String(buffer: openSLO.body) == "apiVersion: openslo/v1\n")
            let converted = try await client.execute(
                uri: "/api/v1/slos/convert?filename=sloth.yml", method: .post,
                body: ByteBuffer(string: "version: prometheus/v1\n"))
            #expect(converted.status == .ok)
            #expect(String(buffer: converted.body) == "services: []\n")
            #expect(Self.converted.withLock { $0.last?.1 } == "sloth.yml")
            let bad = try await client.execute(
                uri: "/api/v1/slos/convert?filename=sloth.yml", method: .post, body: ByteBuffer(string: "nope"))
            #expect(bad.status == .badRequest)
            #expect(
                (bad.json["error"] as? [String: Any])?["message"] as? String == "sloth.yml:1:1: error: unknown document"
            )
        }
    }

    @Test("without a token and with anonymous read off, SLO routes answer 401")
    func needsAToken() async throws {
        let world = TestWorld(anonymousRead: false, slo: Self.access())
        try await world.run { client in
            for uri in ["/api/v1/slos", "/api/v1/slos/checkout/availability/gate", "/api/v1/slos/rules"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .unauthorized, "\(uri)")
            }
            let token = try await world.addToken(.viewer)
            let response = try await client.execute(
                uri: "/api/v1/slos", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok)
        }
    }
}
