import AsyncHTTPClient
import Foundation
import Logging
import NIOSSL
import SteadyModel
import Testing

@testable import SteadyNotify

/// Regression tests for the notifier review: each failed (or crashed) before its fix.
@Suite("Notifier review fixes")
struct ReviewFixesTests {
    static let now = WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000)  // 2023-11-14T22:13:20Z
    let templates = TemplateSet.defaults

    func render(_ text: String, data: TemplateData = TemplateData(Fixtures.notification())) throws -> String {
        try templates.render(text, data: data)
    }

    @Test("Retry-After never traps: far dates are capped, past and malformed dates ignored")
    func retryAfter() {
        #expect(RetryAfter.parse("Sat, 01 Jan 2300 00:00:00 GMT", now: Self.now) == .seconds(3600))
        #expect(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now: Self.now) == .seconds(3600))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:20:00 GMT", now: Self.now) == .seconds(400))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Self.now) == nil)
        #expect(RetryAfter.parse("Sun, 06 Nov 99999999999999 08:49:37 GMT", now: Self.now) == nil)
        #expect(RetryAfter.parse("soon", now: Self.now) == nil)
        #expect(RetryAfter.parse("-5", now: Self.now) == nil)
        #expect(RetryAfter.parse("7", now: Self.now) == .seconds(7))
        #expect(RetryAfter.parse("99999999999999999999999", now: Self.now) == .seconds(3600))
        #expect(RetryAfter.parse("Sat, 01 Jan 2300 00:00:00 GMT", now: WallInstant(nanosecondsSinceEpoch: .min)) != nil)
    }

    @Test("PagerDuty events over 512000 bytes lose their details, v2 and v1")
    func pagerDutyEventSize() throws {
        let huge = String(repeating: "x", count: 600_000)
        let v2 = try PagerDutyPayload.encode(
            Fixtures.notification(), config: PagerDutyConfig(routingKey: "R1", details: ["big": huge]),
            templates: .defaults)
        let v2Text = String(decoding: v2, as: UTF8.self)
        #expect(v2.count < 512_000)
        #expect(
            v2Text.contains(
                #""custom_details":{"error":"Custom details have been removed because the original event exceeds the maximum size of 512KB"}"#
            ))
        let v1 = try PagerDutyPayload.encode(
            Fixtures.notification(), config: PagerDutyConfig(serviceKey: "S1", details: ["big": huge]),
            templates: .defaults)
        #expect(
            String(decoding: v1, as: UTF8.self).contains(
                #""details":{"error":"Custom details have been removed because the original event exceeds the maximum size of 512KB"}"#
            ))
        // Small events keep their details.
        let small = try PagerDutyPayload.encode(
            Fixtures.notification(), config: PagerDutyConfig(routingKey: "R1", details: ["k": "v"]),
            templates: .defaults)
        #expect(String(decoding: small, as: UTF8.self).contains(#""custom_details":{"k":"v"}"#))
    }

    @Test("PagerDuty with both routing_key and service_key uses Events API v1, as Alertmanager")
    func pagerDutyBothKeys() throws {
        let config = PagerDutyConfig(routingKey: "R1", serviceKey: "S1", details: [:])
        #expect(config.usesEventsAPIV1)
        let text = String(
            decoding: try PagerDutyPayload.encode(Fixtures.notification(), config: config, templates: .defaults),
            as: UTF8.self)
        #expect(text.hasPrefix(#"{"service_key":"S1","incident_key":"#))
        #expect(!text.contains("routing_key"))
        #expect(!PagerDutyConfig(routingKey: "R1").usesEventsAPIV1)
    }

    @Test("KV SortedPairs, Names and Values put alertname first")
    func sortedPairsAlertnameFirst() throws {
        let data = TemplateData(
            Fixtures.notification(
                alerts: [Fixtures.firing], groupLabels: Labels(["alertname": "HighLatency", "app": "shop"])))
        #expect(try render("{{ .GroupLabels.SortedPairs.Values | join \" \" }}", data: data) == "HighLatency shop")
        #expect(try render("{{ .GroupLabels.Names }}", data: data) == "[alertname app]")
        #expect(try render("{{ .GroupLabels.Values }}", data: data) == "[HighLatency shop]")
        #expect(try render("{{ range .GroupLabels.SortedPairs }}{{ .Name }},{{ end }}", data: data) == "alertname,app,")
        // Printing and ranging over the map itself stay in key order, as Go does.
        #expect(try render("{{ .GroupLabels }}", data: data) == "map[alertname:HighLatency app:shop]")
        #expect(try render(#"{{ template "__subject" . }}"#, data: data).hasPrefix("[FIRING:1] HighLatency shop"))
    }

    @Test(
        "floats print as Go's %v and never trap",
        arguments: [
            ("{{ 1e19 }}", "1e+19"), ("{{ 1e6 }}", "1e+06"), ("{{ 123456.0 }}", "123456"), ("{{ 1.5 }}", "1.5"),
            ("{{ 0.0001 }}", "0.0001"), ("{{ 0.00001 }}", "1e-05"), ("{{ -2.5e-7 }}", "-2.5e-07"),
            ("{{ 1e308 }}", "1e+308"), ("{{ 9.3e18 }}", "9.3e+18"), ("{{ 1234567.0 }}", "1.234567e+06"),
            ("{{ 2.0 }}", "2"), ("{{ 100000.0 }}", "100000"), ("{{ 1e21 }}", "1e+21"),
        ])
    func floats(source: String, expected: String) throws {
        #expect(try render(source) == expected)
    }

    @Test("printf widths and precisions past 1e6 are refused like Go's fmt")
    func printfLimits() throws {
        #expect(try render(#"{{ printf "%9999999999d" 5 }}"#) == "%!(NOVERB)%!(EXTRA int=5)")
        #expect(try render(#"{{ printf "%.9999999999f" 1.5 }}"#) == "%!(NOVERB)%!(EXTRA float64=1.5)")
        #expect(try render(#"{{ printf "%5d|%-4s|%.2f" 5 "ab" 1.5 }}"#) == "    5|ab  |1.50")
        #expect(try render(#"{{ printf "%1000000d" 5 }}"#).utf8.count == 1_000_000)
    }

    @Test("self-recursive templates hit the execution budget instead of running for ever")
    func executionBudget() {
        // 2^40 calls that stay within the call-depth limit: only the step budget stops them.
        var source = #"{{define "t40"}}x{{end}}"#
        for level in 0..<40 {
            source += #"{{define "t\#(level)"}}{{template "t\#(level + 1)" .}}{{template "t\#(level + 1)" .}}{{end}}"#
        }
        source += #"{{template "t0" .}}"#
        #expect {
            try render(source)
        } throws: { error in
            "\(error)".contains("template execution budget exceeded")
        }
        #expect(throws: TemplateError.self) {
            try render(#"{{define "a"}}{{template "a" .}}{{template "a" .}}{{end}}{{template "a" .}}"#)
        }
    }

    @Test("a very long else-if chain is refused by the parser instead of exhausting the stack")
    func elseIfChain() throws {
        let source = "{{ if false }}" + String(repeating: "{{ else if false }}", count: 50_000) + "{{ end }}"
        #expect {
            try TemplateSet.validate(source)
        } throws: { error in
            "\(error)".contains("nested too deeply")
        }
        let short = "{{ if false }}" + String(repeating: "{{ else if false }}", count: 20) + "{{ else }}ok{{ end }}"
        #expect(try render(short) == "ok")
    }

    @Test("title lower-cases the rest of each word, like cases.Title(language.AmericanEnglish)")
    func title() throws {
        #expect(try render(#"{{ title "hELLO wORLD" }}"#) == "Hello World")
        #expect(
            try render(#"{{ title "foo_bar o'neil wide-world a.b 3am x..y" }}"#)
                == "Foo_bar O'neil Wide-World A.b 3Am X..Y")
        #expect(try render(#"{{ "HIGH LATENCY" | title }}"#) == "High Latency")
    }

    @Test("tls_config.insecure_skip_verify and follow_redirects apply to the request")
    func httpSettingsApply() async throws {
        var logger = Logger(label: "notify-test")
        logger.logLevel = .critical
        let poster = HTTPPoster(client: .shared, clock: ManualWallClock(now: Self.now), userAgent: "Steady")
        let insecure = try #require(
            try await poster.request(
                url: "https://self-signed.example/", headers: [],
                settings: HTTPClientSettings(insecureSkipVerify: true)))
        #expect(insecure.tlsConfiguration?.certificateVerification == CertificateVerification.none)
        let verified = try #require(
            try await poster.request(url: "https://example.com/", headers: [], settings: HTTPClientSettings()))
        #expect(verified.tlsConfiguration == nil)
        #expect(poster.client(for: HTTPClientSettings(followRedirects: false)) === HTTPPoster.nonRedirectingClient)
        #expect(poster.client(for: HTTPClientSettings()) === HTTPClient.shared)
    }

    @Test("follow_redirects: false reports the 3xx instead of following it")
    func noRedirects() async throws {
        let server = RecordingServer()
        var logger = Logger(label: "notify-test")
        logger.logLevel = .critical
        let sender = NotificationSender(httpClient: .shared, clock: ManualWallClock(now: Self.now), logger: logger)
        let result = try await server.run { port in
            await sender.send(
                NotificationAttempt(
                    notification: Fixtures.notification(),
                    integration: .webhook(
                        WebhookConfig(
                            url: Secret("http://127.0.0.1:\(port)/redirect"),
                            http: HTTPClientSettings(followRedirects: false))),
                    attempt: 1, dedupKey: "dk-1"))
        }
        #expect(result.status == 302)
        #expect(result.kind == .permanent)
    }
}
