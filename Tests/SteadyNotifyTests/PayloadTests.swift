import Foundation
import SteadyModel
import Testing

@testable import SteadyNotify

@Suite("Payloads")
struct PayloadTests {
    let fingerprintA = Fixtures.firing.fingerprint.hex
    let fingerprintB = Fixtures.resolved.fingerprint.hex

    @Test("webhook body is Alertmanager 0.25's version 4 JSON, byte for byte")
    func webhookGolden() {
        let body = WebhookPayload.encode(Fixtures.notification())
        // Hand-derived from webhook.Message/template.Data: embedded Data fields first, sorted maps, HTML-safe escapes,
        // RFC3339Nano times, Go's zero time for the firing alert's endsAt, QuoteMeta'd receiver, trailing newline.
        let expected =
            #"{"receiver":"team-x\\.ops","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"HighLatency","instance":"a:8080","service":"checkout"},"annotations":{"summary":"p99 \u003e 1s \u0026 rising \u003cfast\u003e"},"startsAt":"2023-11-14T22:13:20.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom:9090/graph?g0.expr=x","fingerprint":""#
            + fingerprintA
            + #""},{"status":"resolved","labels":{"alertname":"HighLatency","instance":"b:8080","service":"checkout"},"annotations":{},"startsAt":"2023-11-14T22:13:20Z","endsAt":"2023-11-14T22:15:00.5Z","generatorURL":"","fingerprint":""#
            + fingerprintB
            + #""}],"groupLabels":{"alertname":"HighLatency"},"commonLabels":{"alertname":"HighLatency","service":"checkout"},"commonAnnotations":{},"externalURL":"http://steady:9093","version":"4","groupKey":"{}/{service=\"checkout\"}:{alertname=\"HighLatency\"}","truncatedAlerts":0}"#
            + "\n"
        #expect(String(decoding: body, as: UTF8.self) == expected)
    }

    @Test("webhook body decodes generically with every field Alertmanager sends")
    func webhookFields() throws {
        let body = WebhookPayload.encode(Fixtures.notification())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(Set(object.keys) == [
            "receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "version",
            "groupKey", "truncatedAlerts",
        ])
        #expect(object["receiver"] as? String == #"team-x\.ops"#)
        #expect(object["status"] as? String == "firing")
        #expect(object["version"] as? String == "4")
        #expect(object["groupKey"] as? String == Fixtures.groupKey)
        #expect(object["truncatedAlerts"] as? Int == 0)
        #expect(object["externalURL"] as? String == "http://steady:9093")
        #expect(object["groupLabels"] as? [String: String] == ["alertname": "HighLatency"])
        #expect(object["commonLabels"] as? [String: String] == ["alertname": "HighLatency", "service": "checkout"])
        #expect(object["commonAnnotations"] as? [String: String] == [:])
        let alerts = try #require(object["alerts"] as? [[String: Any]])
        #expect(alerts.count == 2)
        for alert in alerts {
            #expect(Set(alert.keys) == ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"])
        }
        #expect(alerts[0]["annotations"] as? [String: String] == ["summary": "p99 > 1s & rising <fast>"])
        #expect(alerts[0]["endsAt"] as? String == "0001-01-01T00:00:00Z")
        #expect(alerts[1]["status"] as? String == "resolved")
        #expect(alerts[1]["fingerprint"] as? String == fingerprintB)
        // The resolved alert's times parse back to the model's instants, to the nanosecond.
        #expect(Timestamp.parse(alerts[0]["startsAt"] as? String ?? "") == Fixtures.firing.startsAt)
        #expect(Timestamp.parse(alerts[1]["endsAt"] as? String ?? "") == Fixtures.resolved.endsAt)
    }

    @Test("max_alerts truncates and recomputes common labels over the alerts sent")
    func maxAlerts() throws {
        let body = WebhookPayload.encode(Fixtures.notification(), maxAlerts: 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect((object["alerts"] as? [Any])?.count == 1)
        #expect(object["truncatedAlerts"] as? Int == 1)
        #expect(object["commonLabels"] as? [String: String] == [
            "alertname": "HighLatency", "instance": "a:8080", "service": "checkout",
        ])
        #expect(object["commonAnnotations"] as? [String: String] == ["summary": "p99 > 1s & rising <fast>"])
        let resolvedOnly = WebhookPayload.encode(Fixtures.notification(alerts: [Fixtures.resolved]))
        #expect(String(decoding: resolvedOnly, as: UTF8.self).hasPrefix(#"{"receiver":"team-x\\.ops","status":"resolved""#))
    }

    @Test("Go's string escaping: control characters, HTML characters, line separators")
    func escaping() {
        var writer = GoJSONWriter()
        writer.string("a\"b\\c\n\r\t\u{8}\u{C}\u{1}<>&\u{2028}\u{2029}é\u{7F}")
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #""a\"b\\c\n\r\t\u0008\u000c\u0001\u003c\u003e\u0026\u2028\u2029é"# + "\u{7F}\"")
    }

    @Test("RFC3339Nano trims trailing zeros; pre-epoch instants format correctly")
    func times() {
        #expect(GoTime.rfc3339Nano(WallInstant(nanosecondsSinceEpoch: 1_700_000_000_100_000_000)) == "2023-11-14T22:13:20.1Z")
        #expect(GoTime.rfc3339Nano(WallInstant(nanosecondsSinceEpoch: 1_000)) == "1970-01-01T00:00:00.000001Z")
        #expect(GoTime.rfc3339Nano(WallInstant(nanosecondsSinceEpoch: -1)) == "1969-12-31T23:59:59.999999999Z")
        #expect(GoTime.rfc3339Nano(nil) == "0001-01-01T00:00:00Z")
    }

    @Test("HMAC signature header")
    func signature() {
        let body = Array("The quick brown fox jumps over the lazy dog".utf8)
        let header = WebhookSignature.header(body: body, secret: "key")
        #expect(header == "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
        #expect(WebhookSignature.verify(header: header, body: body, secret: "key"))
        #expect(!WebhookSignature.verify(header: header, body: body + [0x20], secret: "key"))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: "other"))
    }

    @Test("Slack attachment with Alertmanager's defaults")
    func slack() throws {
        let config = SlackConfig(apiURL: "https://hooks.slack.test/x")
        let body = try SlackPayload.encode(Fixtures.notification(), config: config, templates: .defaults)
        let link = "http://steady:9093/#/alerts?receiver=team-x%5C.ops"
        let expected =
            #"{"username":"Steady","attachments":[{"title":"[FIRING:1] HighLatency (checkout)","title_link":""#
            + link + #"","text":"","fallback":"[FIRING:1] HighLatency (checkout) | "# + link
            + #"","callback_id":"","footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}"# + "\n"
        #expect(String(decoding: body, as: UTF8.self) == expected)

        var custom = config
        custom.channel = "#{{ .CommonLabels.service }}"
        custom.text = "{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}"
        custom.title = String(repeating: "x", count: 2000)
        let resolved = try SlackPayload.encode(
            Fixtures.notification(alerts: [Fixtures.resolved]), config: custom, templates: .defaults)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(resolved)) as? [String: Any])
        #expect(object["channel"] as? String == "#checkout")
        let attachment = try #require((object["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["color"] as? String == "good")
        #expect((attachment["title"] as? String)?.count == 1024)
        #expect((attachment["title"] as? String)?.hasSuffix("…") == true)
    }

    @Test("Slack fields render in Alertmanager's order with short falling back to short_fields")
    func slackFields() throws {
        var config = SlackConfig(apiURL: "x", username: "", title: "", titleLink: "", fallback: "f")
        config.fields = [
            SlackField(title: "Service", value: "{{ .CommonLabels.service }}"),
            SlackField(title: "Count", value: "{{ len .Alerts }}", short: false),
        ]
        config.shortFields = true
        config.linkNames = true
        let body = try SlackPayload.encode(Fixtures.notification(), config: config, templates: .defaults)
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"link_names":true,"attachments":[{"text":"","fallback":"f","callback_id":"","fields":[{"title":"Service","value":"checkout","short":true},{"title":"Count","value":"2","short":false}],"footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"]}]}"#
                + "\n")
    }

    @Test("PagerDuty v2 event with Alertmanager's dedup key and default details")
    func pagerDuty() throws {
        #expect(PagerDutyPayload.dedupKey(groupKey: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let config = PagerDutyConfig(routingKey: "R1")
        let body = try PagerDutyPayload.encode(Fixtures.notification(), config: config, templates: .defaults)
        let link = "http://steady:9093/#/alerts?receiver=team-x%5C.ops"
        let expected =
            #"{"routing_key":"R1","dedup_key":""# + PagerDutyPayload.dedupKey(groupKey: Fixtures.groupKey)
            + #"","event_action":"trigger","payload":{"summary":"[FIRING:1] HighLatency (checkout)","source":"Steady","severity":"error","custom_details":{"firing":"Labels:\n - alertname = HighLatency\n - instance = a:8080\n - service = checkout\nAnnotations:\n - summary = p99 \u003e 1s \u0026 rising \u003cfast\u003e\nSource: http://prom:9090/graph?g0.expr=x\n","num_firing":"1","num_resolved":"1","resolved":"Labels:\n - alertname = HighLatency\n - instance = b:8080\n - service = checkout\nAnnotations:\nSource: \n"}},"client":"Steady","client_url":""#
            + link + #""}"# + "\n"
        #expect(String(decoding: body, as: UTF8.self) == expected)

        let resolved = try PagerDutyPayload.encode(
            Fixtures.notification(alerts: [Fixtures.resolved]),
            config: PagerDutyConfig(routingKey: "R1", severity: "{{ .CommonLabels.service }}", details: [:]),
            templates: .defaults)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(resolved)) as? [String: Any])
        #expect(object["event_action"] as? String == "resolve")
        let payload = try #require(object["payload"] as? [String: Any])
        #expect(payload["severity"] as? String == "checkout")
        #expect(payload["custom_details"] == nil)

        #expect(throws: PagerDutyRenderError.self) {
            try PagerDutyPayload.encode(
                Fixtures.notification(), config: PagerDutyConfig(routingKey: "{{ .CommonLabels.nope }}"),
                templates: .defaults)
        }
    }

    @Test("PagerDuty v1 service key event")
    func pagerDutyV1() throws {
        let body = try PagerDutyPayload.encode(
            Fixtures.notification(alerts: [Fixtures.resolved]), config: PagerDutyConfig(serviceKey: "S1", details: [:]),
            templates: .defaults)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text == #"{"service_key":"S1","incident_key":""# + PagerDutyPayload.dedupKey(groupKey: Fixtures.groupKey)
            + #"","event_type":"resolve","description":"[RESOLVED] HighLatency (b:8080 checkout)","event_action":"","payload":null}"# + "\n")
    }
}
