import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resilience
import SteadyHummingbird
import Testing

@Suite("Request IDs and trace context")
struct RequestIdentityTests {
    static let requestID = TestSupport.field("X-Request-ID")
    static let traceparent = TestSupport.field("traceparent")
    static let incomingTrace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// Echoes what the handler sees: `requestID outgoing-traceparent`.
    static func makeApplication() -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.get("/who") { _, _ -> String in
            let identity = RequestIdentity.current
            let outgoing = identity?.outgoingHeaders.first { $0.name == TraceParent.headerName }?.value ?? "-"
            return "\(identity?.requestID ?? "none") \(outgoing)"
        }
        router.get("/fail") { _, _ -> String in throw HTTPError(.conflict) }
        router.get("/crash") { _, _ -> String in throw CancellationError() }
        return Application(router: router)
    }

    @Test("An incoming X-Request-ID reaches the handler as RequestIdentity.current and is echoed, also on errors")
    func echoesRequestID() async throws {
        try await Self.makeApplication().test(.router) { client in
            let ok = try await client.execute(uri: "/who", method: .get, headers: [Self.requestID: "abc-123"])
            #expect(ok.headers[Self.requestID] == "abc-123")
            #expect(TestSupport.string(ok.body) == "abc-123 -")
            let failed = try await client.execute(uri: "/fail", method: .get, headers: [Self.requestID: "req-409"])
            #expect(failed.status == .conflict)
            #expect(failed.headers[Self.requestID] == "req-409")
            let crashed = try await client.execute(uri: "/crash", method: .get, headers: [Self.requestID: "req-500"])
            #expect(crashed.status == .internalServerError)
            #expect(crashed.headers[Self.requestID] == "req-500")
            let missing = try await client.execute(uri: "/nope", method: .get, headers: [Self.requestID: "req-404"])
            #expect(missing.status == .notFound)
            #expect(missing.headers[Self.requestID] == "req-404")
        }
    }

    @Test("Without a usable X-Request-ID a fresh 32-hex-digit ID is generated", arguments: [nil, "has space", ""])
    func generatesRequestID(incoming: String?) async throws {
        try await Self.makeApplication().test(.router) { client in
            var headers = HTTPFields()
            if let incoming { headers[Self.requestID] = incoming }
            let first = try await client.execute(uri: "/who", method: .get, headers: headers)
            let second = try await client.execute(uri: "/who", method: .get, headers: headers)
            let ids = [first.headers[Self.requestID], second.headers[Self.requestID]].compactMap { $0 }
            #expect(ids.count == 2)
            #expect(ids[0] != ids[1])
            for id in ids {
                #expect(id.count == 32)
                #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            }
            #expect(TestSupport.string(first.body).hasPrefix(ids[0] + " "))
        }
    }

    @Test("A valid traceparent is echoed and propagated as a child with the same trace ID and a new span ID")
    func traceparentPropagation() async throws {
        try await Self.makeApplication().test(.router) { client in
            let traced = try await client.execute(
                uri: "/who", method: .get, headers: [Self.traceparent: Self.incomingTrace])
            #expect(traced.headers[Self.traceparent] == Self.incomingTrace)
            let outgoing = try #require(TestSupport.string(traced.body).split(separator: " ").last.map(String.init))
            let child = try #require(TraceParent(outgoing))
            #expect(child.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
            #expect(child.parentID != "00f067aa0ba902b7")
            #expect(child.flags == "01")

            let untraced = try await client.execute(uri: "/who", method: .get)
            #expect(untraced.headers[Self.traceparent] == nil)
            #expect(TestSupport.string(untraced.body).hasSuffix(" -"))
        }
    }

    @Test(
        "Invalid traceparent values are dropped",
        arguments: [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "garbage",
        ])
    func invalidTraceparent(value: String) async throws {
        #expect(TraceParent(value) == nil)
        try await Self.makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/who", method: .get, headers: [Self.traceparent: value])
            #expect(response.headers[Self.traceparent] == nil)
        }
    }

    @Test("A later traceparent version may carry extra fields")
    func futureVersion() {
        let parent = TraceParent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-ever")
        #expect(parent?.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
    }

    @Test("Outgoing headers carry the time left before the deadline and the request's criticality")
    func outgoingDeadlineAndCriticality() async throws {
        let identity = RequestIdentity(requestID: "abc")
        #expect(identity.outgoingHeaders.map(\.name) == ["X-Request-ID"])
        let clock = ManualClock()
        let headers = try await Deadline.withDeadline(clock.now.advanced(by: .milliseconds(250)), clock: clock) {
            Criticality.$current.withValue(.sheddable) { identity.outgoingHeaders(clock: clock) }
        }
        #expect(headers.map(\.name) == ["X-Request-ID", "x-request-timeout", "x-criticality"])
        #expect(headers.map(\.value) == ["abc", "250000u", "SHEDDABLE"])
        let expired = try await Deadline.withDeadline(clock.now.advanced(by: .milliseconds(1)), clock: clock) {
            clock.advance(by: .seconds(1))
            return identity.outgoingHeaders(clock: clock)
        }
        #expect(expired.first { $0.name == "x-request-timeout" }?.value == "0n")
        // The property measures on the continuous clock.
        let continuous = try await Deadline.withDeadline(in: .seconds(2)) { identity.outgoingHeaders }
        let value = try #require(continuous.first { $0.name == RequestTimeoutHeader.name }?.value)
        let left = try #require(RequestTimeoutHeader.parse(value))
        #expect(left > .seconds(1) && left <= .seconds(2))
    }
}
