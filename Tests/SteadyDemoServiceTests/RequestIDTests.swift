import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SteadyDemoService
import Testing

@Suite("Request IDs and trace context")
struct RequestIDTests {
    static let requestID = HTTPField.Name("X-Request-ID")!
    static let traceparent = HTTPField.Name("traceparent")!

    @Test("An incoming X-Request-ID is echoed, also on errors")
    func echoesRequestID() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let ok = try await client.execute(uri: "/api/products", method: .get, headers: [Self.requestID: "abc-123"])
            #expect(ok.headers[Self.requestID] == "abc-123")
            let missing = try await client.execute(uri: "/nope", method: .get, headers: [Self.requestID: "req-404"])
            #expect(missing.status == .notFound)
            #expect(missing.headers[Self.requestID] == "req-404")
            let health = try await client.execute(
                uri: "/health/live", method: .get, headers: [Self.requestID: "probe-1"])
            #expect(health.headers[Self.requestID] == "probe-1")
        }
    }

    @Test("Without a usable X-Request-ID a fresh 32-hex-digit ID is generated")
    func generatesRequestID() async throws {
        let app = TestSupport.makeService().makeApplication()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/api/products", method: .get)
            let second = try await client.execute(
                uri: "/api/products", method: .get, headers: [Self.requestID: "has space"])
            let ids = [first.headers[Self.requestID], second.headers[Self.requestID]].compactMap { $0 }
            #expect(ids.count == 2)
            #expect(ids[0] != ids[1])
            for id in ids {
                #expect(id.count == 32)
                #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            }
        }
    }

    @Test("A valid traceparent is passed through; none is invented; an invalid one is dropped")
    func traceparentPassthrough() async throws {
        let app = TestSupport.makeService().makeApplication()
        let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        try await app.test(.router) { client in
            let traced = try await client.execute(
                uri: "/api/products", method: .get, headers: [Self.traceparent: valid])
            #expect(traced.headers[Self.traceparent] == valid)
            let untraced = try await client.execute(uri: "/api/products", method: .get)
            #expect(untraced.headers[Self.traceparent] == nil)
            for invalid in [
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "garbage",
            ] {
                let response = try await client.execute(
                    uri: "/api/products", method: .get, headers: [Self.traceparent: invalid])
                #expect(response.headers[Self.traceparent] == nil, "\(invalid)")
            }
        }
    }
}
