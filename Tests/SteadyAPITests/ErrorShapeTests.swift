import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("JSON errors, request ids and operations endpoints")
struct ErrorShapeTests {
    @Test("unknown paths are a JSON 404")
    func notFound() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/nothing-here", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.errorCode == "not_found")
            #expect(response.errorMessage == "no route for GET /api/v1/nothing-here")
        }
    }

    @Test("a known path with the wrong method is a JSON 405 with Allow")
    func methodNotAllowed() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/api/v1/services", method: .delete)
            #expect(response.status == .methodNotAllowed)
            #expect(response.errorCode == "method_not_allowed")
            #expect(response.headers[.allow] == "GET, HEAD")
            let events = try await client.execute(uri: "/api/v1/events", method: .put)
            #expect(events.status == .methodNotAllowed)
            #expect(events.headers[.allow] == "GET, POST, HEAD")
        }
    }

    @Test("a malformed body is a JSON 400; an oversized one a JSON 413")
    func badBodies() async throws {
        let world = TestWorld()
        let responder = try await world.addToken(.responder)
        try await world.run { client in
            let malformed = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: bearer(responder), body: ByteBuffer(string: "{nope"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad_request")
            #expect(malformed.errorMessage?.hasPrefix("invalid JSON body") == true)

            let wrongType = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: bearer(responder),
                body: jsonBody(["kind": 3, "message": "x"]))
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorMessage?.contains("kind") == true)

            let huge = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: bearer(responder),
                body: ByteBuffer(string: String(repeating: " ", count: (1 << 20) + 1)))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.errorCode == "payload_too_large")
        }
    }

    @Test("internal errors are a generic JSON 500 naming the request id, without the error's text")
    func internalError() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(
                uri: "/api/v1/services/broken/signals", method: .get, headers: [.xRequestIDForTests: "req-42"])
            #expect(response.status == .internalServerError)
            #expect(response.errorCode == "internal")
            #expect(response.errorMessage == "internal server error (request id req-42)")
            #expect(!response.text.contains("secret"))
            #expect(!response.text.contains("corrupt"))
        }
    }

    @Test("X-Request-ID is echoed when sane and generated otherwise")
    func requestID() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let given = try await client.execute(
                uri: "/-/healthy", method: .get, headers: [.xRequestIDForTests: "abc-123"])
            #expect(given.headers[.xRequestIDForTests] == "abc-123")
            let generated = try await client.execute(uri: "/-/healthy", method: .get)
            let id = try #require(generated.headers[.xRequestIDForTests])
            #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
            let hostile = try await client.execute(
                uri: "/nowhere", method: .get, headers: [.xRequestIDForTests: "has spaces in it"])
            #expect(hostile.headers[.xRequestIDForTests] != "has spaces in it")
            #expect(hostile.headers[.xRequestIDForTests]?.count == 32)
        }
    }

    @Test("health, readiness and metrics need no token")
    func operations() async throws {
        let world = TestWorld(anonymousRead: false)
        try await world.run { client in
            let healthy = try await client.execute(uri: "/-/healthy", method: .get)
            #expect(healthy.status == .ok)
            #expect(healthy.text == "Steady is Healthy.\n")
            let head = try await client.execute(uri: "/-/healthy", method: .head)
            #expect(head.status == .ok)
            #expect(try await client.execute(uri: "/-/ready", method: .get).status == .ok)
            world.ready.withLock { $0 = false }
            let notReady = try await client.execute(uri: "/-/ready", method: .get)
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.errorCode == "not_ready")
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(metrics.text.contains("steady_up 1"))
        }
    }

    @Test("reload returns the message, or a 400 invalid_config with the reason")
    func reload() async throws {
        let world = TestWorld()
        let admin = try await world.addToken(.admin)
        try await world.run { client in
            let ok = try await client.execute(uri: "/-/reload", method: .post, headers: bearer(admin))
            #expect(ok.status == .ok)
            #expect(ok.json["message"] as? String == "configuration reloaded")
            world.reloadOutcome.withLock {
                $0 = .failure(.init(description: "steady.yml:3:5: found \"x\", expected a duration"))
            }
            let bad = try await client.execute(uri: "/-/reload", method: .post, headers: bearer(admin))
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "invalid_config")
            #expect(bad.errorMessage == "steady.yml:3:5: found \"x\", expected a duration")
        }
    }
}

extension HTTPField.Name {
    static let xRequestIDForTests = HTTPField.Name("X-Request-ID")!
}
