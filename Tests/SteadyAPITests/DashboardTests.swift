import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SteadyAPI
import SteadyModel
import Synchronization
import Testing

@Suite("Dashboard")
struct DashboardTests {
    static let escapedHostile = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    static let hostilePath = "/services/%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E"

    @Test("the index lists services, signals, target health and events, escaping everything")
    func index() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.store.appendEvent(
            NewEvent(
                time: TestWorld.start, kind: "deploy", service: "checkout", message: "<img src=x onerror=alert(1)>"))
        try await world.run { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let html = response.text
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains(">checkout</a>"))
            #expect(html.contains(Self.escapedHostile))
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<b>bold"))
            #expect(html.contains("href=\"\(Self.hostilePath)\""))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!html.contains("<img"))
            #expect(html.contains("1/2"), "checkout has one of two targets up")
            #expect(html.contains("10/s"))
            #expect(html.contains("1%"))
            #expect(html.contains("80 ms"))
            #expect(html.contains("availability 99.9%"))
        }
    }

    @Test("the service page draws four SVG charts, the targets and recent events")
    func servicePage() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/services/checkout", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.components(separatedBy: "<svg").count - 1 == 4)
            #expect(html.contains("<polyline"))
            for title in ["Request rate", "Error ratio", "Latency", "Saturation"] {
                #expect(html.contains("<title>\(title)</title>"))
            }
            #expect(html.contains(">p99</text>"))
            #expect(html.contains("http://127.0.0.1:8082/metrics"))
            #expect(html.contains("connection refused &lt;tag&gt;"))
            #expect(html.contains("class=\"current\">6h</a>"))
            let call = try #require(world.signalCalls.withLock { $0.last })
            #expect(call.3 == .seconds(60))
            #expect(call.1.duration(to: call.2) == .seconds(6 * 3600))
        }
    }

    @Test("range selects the chart window", arguments: [("1h", 3600, 60), ("24h", 86_400, 300), ("7d", 604_800, 1800)])
    func ranges(range: String, seconds: Int, step: Int) async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: "/services/checkout?range=\(range)", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("class=\"current\">\(range)</a>"))
            let call = try #require(world.signalCalls.withLock { $0.last })
            #expect(call.1.duration(to: call.2) == .seconds(seconds))
            #expect(call.3 == .seconds(step))
        }
    }

    @Test("a hostile service name is escaped on its own page")
    func hostileServicePage() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let response = try await client.execute(uri: Self.hostilePath, method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("<h1>\(Self.escapedHostile)</h1>"))
            #expect(!response.text.contains("<script"))
            #expect(response.text.contains("<svg"))
        }
    }

    @Test("bad range is 400, unknown service 404")
    func errors() async throws {
        let world = TestWorld(anonymousRead: true)
        try await world.run { client in
            let range = try await client.execute(uri: "/services/checkout?range=2d", method: .get)
            #expect(range.status == .badRequest)
            #expect(range.errorCode == "bad_request")
            let unknown = try await client.execute(uri: "/services/nope", method: .get)
            #expect(unknown.status == .notFound)
        }
    }

    @Test("without a token and without anonymous read, pages redirect to the login form")
    func redirect() async throws {
        let world = TestWorld(anonymousRead: false)
        try await world.run { client in
            let response = try await client.execute(uri: "/services/checkout?range=1h", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2Fservices%2Fcheckout%3Frange%3D1h")
        }
    }
}
