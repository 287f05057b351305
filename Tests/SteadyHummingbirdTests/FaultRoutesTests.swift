import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import SteadyHummingbird
import Testing

@Suite("Fault injection admin routes")
struct FaultRoutesTests {
    static let token = "game-day-token"
    static var admin: HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    static func makeApplication(
        clock: ManualClock, token: String? = FaultRoutesTests.token, limits: HTTPFaultLimits = .init()
    ) -> some ApplicationProtocol {
        let faults = HTTPFaultSwitch(clock: clock, logger: TestSupport.logger, limits: limits)
        let router = Router()
        FaultAdminRoutes(faults: faults, adminToken: token).register(on: router)
        router.group("/api").add(middleware: HTTPFaultMiddleware(faults: faults, seed: 1)).get("/ping") { _, _ in
            "pong"
        }
        return Application(router: router)
    }

    @Test("The admin route needs the configured token: 403 when none is configured, 401 without, 403 when wrong")
    func needsToken() async throws {
        try await Self.makeApplication(clock: ManualClock(), token: nil).test(.router) { client in
            for method in [HTTPRequest.Method.get, .post, .delete] {
                let response = try await client.execute(
                    uri: "/admin/faults", method: method, headers: Self.admin,
                    body: ByteBuffer(string: #"{"down":true}"#))
                #expect(response.status == .forbidden)
            }
            #expect(try await client.execute(uri: "/api/ping", method: .get).status == .ok)
        }
        try await Self.makeApplication(clock: ManualClock()).test(.router) { client in
            let anonymous = try await client.execute(uri: "/admin/faults", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(try TestSupport.errorCode(anonymous.body) == "unauthorized")
            let wrong = try await client.execute(
                uri: "/admin/faults", method: .post, headers: [.authorization: "Bearer \(Self.token.dropLast())"],
                body: ByteBuffer(string: #"{"down":true}"#))
            #expect(wrong.status == .forbidden)
            #expect(try await client.execute(uri: "/api/ping", method: .get).status == .ok)
            let right = try await client.execute(uri: "/admin/faults", method: .get, headers: Self.admin)
            #expect(right.status == .ok)
            #expect(try TestSupport.json(right.body)["active"] as? Bool == false)
        }
    }

    @Test("Injected errors apply until the time to live runs out, then the switch clears itself")
    func expires() async throws {
        let clock = ManualClock()
        try await Self.makeApplication(clock: clock).test(.router) { client in
            let set = try await client.execute(
                uri: "/admin/faults", method: .post, headers: Self.admin,
                body: ByteBuffer(string: #"{"errorRatio":1,"ttlSeconds":30}"#))
            #expect(set.status == .ok)
            let status = try TestSupport.json(set.body)
            #expect(status["active"] as? Bool == true)
            #expect(status["ttlSeconds"] as? Double == 30)
            let failed = try await client.execute(uri: "/api/ping", method: .get)
            #expect(failed.status == .internalServerError)
            #expect(try TestSupport.errorCode(failed.body) == "injected_fault")

            clock.advance(by: .seconds(29))
            let remaining = try await client.execute(uri: "/admin/faults", method: .get, headers: Self.admin)
            #expect(try TestSupport.json(remaining.body)["remainingSeconds"] as? Double == 1)
            #expect(try await client.execute(uri: "/api/ping", method: .get).status == .internalServerError)

            clock.advance(by: .seconds(1))
            #expect(try await client.execute(uri: "/api/ping", method: .get).status == .ok)
            let after = try await client.execute(uri: "/admin/faults", method: .get, headers: Self.admin)
            #expect(try TestSupport.json(after.body)["active"] as? Bool == false)
        }
    }

    @Test("An outage answers 503 until cleared with DELETE")
    func outage() async throws {
        try await Self.makeApplication(clock: ManualClock()).test(.router) { client in
            _ = try await client.execute(
                uri: "/admin/faults", method: .post, headers: Self.admin, body: ByteBuffer(string: #"{"down":true}"#))
            let down = try await client.execute(uri: "/api/ping", method: .get)
            #expect(down.status == .serviceUnavailable)
            #expect(try TestSupport.errorCode(down.body) == "unavailable")
            let cleared = try await client.execute(uri: "/admin/faults", method: .delete, headers: Self.admin)
            #expect(try TestSupport.json(cleared.body)["active"] as? Bool == false)
            #expect(try await client.execute(uri: "/api/ping", method: .get).status == .ok)
        }
    }

    @Test(
        "Rates, latencies and lifetimes beyond the configured bounds are refused with 400 naming the field",
        arguments: [
            (#"{"errorRatio":0.6}"#, "errorRatio"), (#"{"errorRatio":-0.1}"#, "errorRatio"),
            (#"{"addedLatencyMs":5001}"#, "addedLatencyMs"), (#"{"ttlSeconds":601}"#, "ttlSeconds"),
            (#"{"ttlSeconds":0}"#, "ttlSeconds"), (#"{"down":"yes"}"#, "down"), (#"{"errorRate":0.1}"#, "errorRate"),
            ("[1]", "JSON object"), ("{", "JSON"), ("", "JSON object"),
        ])
    func bounded(body: String, mentions: String) async throws {
        let limits = HTTPFaultLimits(
            maximumErrorRatio: 0.5, maximumAddedLatency: .seconds(5), defaultTTL: .seconds(60),
            maximumTTL: .seconds(600))
        try await Self.makeApplication(clock: ManualClock(), limits: limits).test(.router) { client in
            let response = try await client.execute(
                uri: "/admin/faults", method: .post, headers: Self.admin, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(try TestSupport.errorCode(response.body) == "invalid_fault")
            let message = try #require((try TestSupport.json(response.body)["error"] as? [String: Any])?["message"])
            #expect((message as? String)?.contains(mentions) == true, "\(message)")
            let status = try await client.execute(uri: "/admin/faults", method: .get, headers: Self.admin)
            #expect(try TestSupport.json(status.body)["active"] as? Bool == false)
        }
    }

    @Test("The default time to live applies when none is given")
    func defaultTTL() throws {
        let clock = ManualClock()
        let faults = HTTPFaultSwitch(
            clock: clock, logger: TestSupport.logger, limits: HTTPFaultLimits(defaultTTL: .seconds(5)))
        let active = try faults.set(HTTPFaults(errorRatio: 0.5))
        #expect(active?.ttl == .seconds(5))
        clock.advance(by: .seconds(5))
        #expect(faults.current() == nil)
        #expect(throws: HTTPFaultError.invalidErrorRatio) { try faults.set(HTTPFaults(errorRatio: .nan)) }
        #expect(try faults.set(.none) == nil)
    }
}
