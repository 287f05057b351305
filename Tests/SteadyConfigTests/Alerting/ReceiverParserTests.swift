import Foundation
import SteadyModel
import Testing

@testable import SteadyConfig

@Suite("Receiver and global parsing")
struct ReceiverParserTests {
    static let full = """
        global:
          resolve_timeout: 5m
          smtp_from: alerts@example.com
          smtp_smarthost: smtp.example.com:587
          smtp_auth_username: steady
          smtp_auth_password: smtp-pass
          slack_api_url: https://hooks.slack.com/services/T/B/X
          pagerduty_url: https://pd.example.com/v2/enqueue
        route:
          receiver: ops
        receivers:
        - name: ops
          webhook_configs:
          - url: http://hooks.example.com/alerts
            max_alerts: 10
            hmac_secret: sign-me
            timeout: 5s
            http_config:
              basic_auth: {username: u, password: p}
          - url: https://second.example.com/
            send_resolved: false
          slack_configs:
          - channel: '#ops'
            title: '{{ .CommonLabels.alertname }}'
            fields:
            - {title: Service, value: '{{ .CommonLabels.service }}', short: true}
          pagerduty_configs:
          - routing_key: 0123456789abcdef
            severity: critical
            details:
              runbook: https://runbooks/{{ .CommonLabels.alertname }}
              num_firing: overridden
          email_configs:
          - to: oncall@example.com
            headers: {x-team: sre}
            require_tls: false
        - name: quiet
          opsgenie_configs:
          - api_key: k
        """

    @Test("a full Alertmanager configuration: values, defaults and inherited globals")
    func full() throws {
        let parsed = try ReceiverParser.parseAlertmanagerConfig(yaml: Self.full, file: "alertmanager.yml")
        #expect(parsed.global.smtpFrom == "alerts@example.com")
        #expect(parsed.global.pagerdutyURL == "https://pd.example.com/v2/enqueue")
        #expect(parsed.receivers.map(\.name) == ["ops", "quiet"])
        let ops = parsed.receivers[0]

        #expect(ops.webhookConfigs.count == 2)
        let webhook = ops.webhookConfigs[0]
        #expect(webhook.url.value == "http://hooks.example.com/alerts")
        #expect(webhook.maxAlerts == 10)
        #expect(webhook.sendResolved)
        #expect(webhook.hmacSecret?.value == "sign-me")
        #expect(webhook.http.timeout == .seconds(5))
        #expect(webhook.http.authorization == .basic(username: "u", password: "p"))
        #expect(!ops.webhookConfigs[1].sendResolved)

        let slack = try #require(ops.slackConfigs.first)
        #expect(slack.apiURL.value == "https://hooks.slack.com/services/T/B/X")
        #expect(slack.channel == "#ops")
        #expect(slack.title == "{{ .CommonLabels.alertname }}")
        #expect(slack.text == #"{{ template "slack.default.text" . }}"#)
        #expect(!slack.sendResolved)
        #expect(slack.fields == [SlackField(title: "Service", value: "{{ .CommonLabels.service }}", short: true)])

        let pagerDuty = try #require(ops.pagerdutyConfigs.first)
        #expect(pagerDuty.routingKey?.value == "0123456789abcdef")
        #expect(pagerDuty.url == "https://pd.example.com/v2/enqueue")
        #expect(pagerDuty.severity == "critical")
        #expect(pagerDuty.sendResolved)
        #expect(pagerDuty.details["runbook"] == "https://runbooks/{{ .CommonLabels.alertname }}")
        #expect(pagerDuty.details["num_firing"] == "overridden")
        #expect(pagerDuty.details["firing"] == PagerDutyConfig.defaultDetails["firing"])

        let email = try #require(ops.emailConfigs.first)
        #expect(email.from == "alerts@example.com")
        #expect(email.smarthost == "smtp.example.com:587")
        #expect(email.authUsername == "steady")
        #expect(email.authPassword?.value == "smtp-pass")
        #expect(!email.requireTLS)
        #expect(email.headers == ["X-Team": "sre"])
        #expect(email.effectiveHeaders["Subject"] == #"{{ template "email.default.subject" . }}"#)

        #expect(parsed.receivers[1].unsupportedIntegrations == ["opsgenie_configs"])
        #expect(parsed.warnings.count == 1)
        #expect(
            parsed.warnings.first?.description.hasPrefix(
                "alertmanager.yml:38:3: warning: receivers[1].opsgenie_configs") == true)
        #expect(ops.integrations.map(\.config.kind) == ["webhook", "webhook", "slack", "pagerduty", "email"])
        #expect(ops.integration(kind: "webhook", index: 1) == .webhook(ops.webhookConfigs[1]))
        #expect(ops.integration(kind: "email", index: 1) == nil)
    }

    @Test("secrets never appear in descriptions or JSON")
    func redaction() throws {
        let parsed = try ReceiverParser.parseAlertmanagerConfig(yaml: Self.full, file: "alertmanager.yml")
        let printed = "\(parsed.receivers)" + String(reflecting: parsed.receivers) + "\(parsed.global)"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json =
            String(decoding: try encoder.encode(parsed.receivers), as: UTF8.self)
            + String(decoding: try encoder.encode(parsed.global), as: UTF8.self)
        for secret in ["hooks.example.com", "sign-me", "T/B/X", "0123456789abcdef", "smtp-pass", "\"p\""] {
            #expect(!printed.contains(secret), "\(secret) printed")
            #expect(!json.contains(secret), "\(secret) in JSON")
        }
        #expect(printed.contains("<secret>"))
        #expect(json.contains("\"url\":\"<secret>\""))
        #expect(json.contains("\"channel\":\"#ops\""))
    }

    @Test("secrets from files are read relative to the configuration file")
    func secretFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-receivers-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "https://hooks.slack.com/from-file\n".write(
            to: directory.appendingPathComponent("slack.url"), atomically: true, encoding: .utf8)
        try "rk-from-file".write(to: directory.appendingPathComponent("pd.key"), atomically: true, encoding: .utf8)
        let yaml = """
            global:
              slack_api_url_file: slack.url
            receivers:
            - name: a
              slack_configs: [{channel: x}]
              pagerduty_configs: [{routing_key_file: pd.key}]
            """
        let parsed = try ReceiverParser.parseAlertmanagerConfig(
            yaml: yaml, file: directory.appendingPathComponent("alertmanager.yml").path)
        #expect(parsed.receivers[0].slackConfigs[0].apiURL.value == "https://hooks.slack.com/from-file")
        #expect(parsed.receivers[0].pagerdutyConfigs[0].routingKey?.value == "rk-from-file")
    }

    @Test(
        "errors name file:line:column and what was expected",
        arguments: [
            (
                "receivers:\n- name: a\n  webhook_configs:\n  - url: http://x\n    max_alert: 3\n",
                "am.yml:5:5: error: receivers[0].webhook_configs[0]: unknown key 'max_alert'; did you mean 'max_alerts'?"
            ),
            (
                "receivers:\n- name: a\n  webhook_configs:\n  - send_resolved: true\n",
                "am.yml:4:5: error: receivers[0].webhook_configs[0]: missing URL in webhook config"
            ),
            (
                "receivers:\n- name: a\n  webhook_configs:\n  - url: ftp://x\n",
                "am.yml:4:10: error: receivers[0].webhook_configs[0].url: unsupported scheme \"ftp\" for URL"
            ),
            (
                "receivers:\n- name: a\n  webhook_configs:\n  - url: http://x\n    send_resolved: maybe\n",
                "am.yml:5:20: error: receivers[0].webhook_configs[0].send_resolved: found \"maybe\", expected true or false"
            ),
            (
                "receivers:\n- name: a\n- name: a\n",
                "am.yml:3:9: error: receivers[1]: notification config name \"a\" is not unique"
            ),
            ("receivers:\n- webhook_configs: []\n", "am.yml:2:3: error: receivers[0]: missing name in receiver"),
            (
                "receivers:\n- name: a\n  slack_configs:\n  - channel: x\n",
                "am.yml:4:5: error: receivers[0].slack_configs[0]: no global Slack API URL set either inline or in a file"
            ),
            (
                "receivers:\n- name: a\n  pagerduty_configs:\n  - severity: x\n",
                "am.yml:4:5: error: receivers[0].pagerduty_configs[0]: missing service or routing key in PagerDuty config"
            ),
            (
                "receivers:\n- name: a\n  email_configs:\n  - from: a@b\n    smarthost: h:25\n",
                "am.yml:4:5: error: receivers[0].email_configs[0]: missing to address in email config"
            ),
            (
                "global:\n  smtp_form: a@b\n",
                "am.yml:2:3: error: global: unknown key 'smtp_form'; did you mean 'smtp_from'?"
            ),
            (
                "receivers:\n- name: a\n  webhook_configs:\n  - url: http://x\n    max_alerts: -2\n",
                "am.yml:5:17: error: receivers[0].webhook_configs[0].max_alerts: found \"-2\", expected a non-negative integer"
            ),
        ])
    func errors(yaml: String, expected: String) {
        #expect {
            _ = try ReceiverParser.parseAlertmanagerConfig(yaml: yaml, file: "am.yml")
        } throws: { error in
            (error as? ConfigError)?.errors.first?.description == expected
        }
    }

    @Test("an unclosed template action is a warning, as Alertmanager only fails when sending")
    func templateWarning() throws {
        let parsed = try ReceiverParser.parseAlertmanagerConfig(
            yaml:
                "receivers:\n- name: a\n  webhook_configs: []\n  slack_configs:\n  - api_url: http://s\n    text: '{{ .X'\n",
            file: "am.yml")
        #expect(
            parsed.warnings.map(\.message) == [
                #"receivers[0].slack_configs[0].text: template has an unclosed action (missing "}}"); sending will fail"#
            ])
    }
}

/// The same receivers YAML through Steady's parser and `amtool check-config` 0.25: both accept or both reject, and
/// where Alertmanager's message is meaningful Steady's contains it.
@Suite("Receiver parsing vs amtool check-config")
struct ReceiverAmtoolDifferentialTests {
    struct Case: Sendable, CustomStringConvertible {
        var yaml: String
        var sameMessage = true
        var description: String { yaml.replacingOccurrences(of: "\n", with: " ") }
    }

    static let cases: [Case] = [
        Case(yaml: "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n"),
        Case(
            yaml:
                "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    send_resolved: yes\n    max_alerts: 4\n"
        ),
        Case(yaml: "receivers:\n- name: r\n  webhook_configs:\n  - send_resolved: true\n"),
        Case(yaml: "receivers:\n- name: r\n  webhook_configs:\n  - url: ftp://x\n"),
        Case(yaml: "receivers:\n- name: r\n  webhook_configs:\n  - url: http://\n"),
        Case(yaml: "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    urll: y\n", sameMessage: false),
        Case(
            yaml: "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    max_alerts: -1\n",
            sameMessage: false),
        Case(
            yaml: "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    send_resolved: maybe\n",
            sameMessage: false),
        Case(
            yaml:
                "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    http_config: {basic_auth: {username: a}, bearer_token: b}\n"
        ),
        Case(
            yaml:
                "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    http_config: {authorization: {type: Basic, credentials: x}}\n"
        ),
        Case(
            yaml:
                "receivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    http_config: {authorization: {credentials: x}, follow_redirects: false}\n"
        ),
        Case(yaml: "receivers:\n- name: r\n  slack_configs:\n  - channel: x\n"),
        Case(
            yaml:
                "global:\n  slack_api_url: https://hooks.slack.com/x\nreceivers:\n- name: r\n  slack_configs:\n  - channel: x\n"
        ),
        Case(yaml: "global:\n  slack_api_url: ftp://x\nreceivers:\n- name: r\n"),
        Case(yaml: "receivers:\n- name: r\n  slack_configs:\n  - api_url: http://x\n    fields: [{title: a}]\n"),
        Case(yaml: "receivers:\n- name: r\n  slack_configs:\n  - api_url: http://x\n    api_url_file: /etc/hostname\n"),
        Case(yaml: "receivers:\n- name: r\n  pagerduty_configs:\n  - severity: x\n"),
        Case(yaml: "receivers:\n- name: r\n  pagerduty_configs:\n  - routing_key: x\n    url: ftp://x\n"),
        Case(yaml: "receivers:\n- name: r\n  pagerduty_configs:\n  - service_key: x\n    details: {a: b}\n"),
        Case(yaml: "receivers:\n- name: r\n  email_configs:\n  - to: a@b\n"),
        Case(yaml: "receivers:\n- name: r\n  email_configs:\n  - to: a@b\n    smarthost: h:25\n"),
        Case(yaml: "receivers:\n- name: r\n  email_configs:\n  - to: a@b\n    from: c@d\n    smarthost: nohost\n"),
        Case(
            yaml:
                "receivers:\n- name: r\n  email_configs:\n  - to: a@b\n    from: c@d\n    smarthost: h:25\n    headers: {subject: a, Subject: b}\n"
        ),
        Case(
            yaml:
                "global:\n  smtp_smarthost: h:25\n  smtp_from: a@b\n  smtp_require_tls: false\nreceivers:\n- name: r\n  email_configs:\n  - to: c@d\n    tls_config: {insecure_skip_verify: true}\n"
        ),
        Case(yaml: "global:\n  smtp_smarthost: nohost\nreceivers:\n- name: r\n"),
        Case(
            yaml:
                "receivers:\n- name: r\n  opsgenie_configs:\n  - api_key: x\n  discord_configs:\n  - webhook_url: http://x\n"
        ),
        Case(yaml: "receivers:\n- name: r\n  webhook_configs:\n"),
        Case(yaml: "receivers:\n- name: r\n  slack_configs:\n  - api_url: http://x\n    text: '{{ .Foo'\n"),
    ]

    static func steady(_ yaml: String) -> String? {
        do throws(ConfigError) {
            _ = try ReceiverParser.parseAlertmanagerConfig(yaml: yaml, file: "alertmanager.yml")
            return nil
        } catch {
            return error.errors.map(\.message).joined(separator: "\n")
        }
    }

    @Test("Steady accepts exactly what amtool accepts", arguments: cases)
    func agrees(_ testCase: Case) throws {
        let yaml = "route:\n  receiver: r\n" + testCase.yaml
        let reference = try AmtoolDifferentialTests.amtool(yaml)
        let ours = Self.steady(yaml)
        #expect(
            (reference == nil) == (ours == nil), "amtool: \(reference ?? "accepted"); Steady: \(ours ?? "accepted")")
        if let reference, let ours, testCase.sameMessage {
            #expect(ours.contains(reference), "amtool: \(reference); Steady: \(ours)")
        }
    }

    @Test("Steady's extensions are the known differences: amtool rejects hmac_secret and timeout")
    func extensions() throws {
        let yaml =
            "route:\n  receiver: r\nreceivers:\n- name: r\n  webhook_configs:\n  - url: http://x\n    hmac_secret: s\n    timeout: 3s\n"
        #expect(try AmtoolDifferentialTests.amtool(yaml) != nil)
        #expect(Self.steady(yaml) == nil)
    }
}

@Suite("YAML errors in Alertmanager sections")
struct AlertingYAMLErrorTests {
    /// An unterminated quoted password: Yams' description would quote this line.
    static let broken = """
        receivers:
        - name: ops
          email_configs:
          - to: ops@example.com
            auth_password: "hunter2-secret
        """

    @Test("parse errors give the problem and line:column, never the YAML source (it may hold a secret)")
    func noSourceSnippet() {
        let parsers: [(String) throws -> Void] = [
            { _ = try ReceiverParser.parseAlertmanagerConfig(yaml: $0, file: "am.yml") },
            { _ = try AlertingConfigParser.parseAlertmanagerConfig(yaml: $0, file: "am.yml") },
            { _ = try TimeIntervalParser.parseAlertmanagerConfig(yaml: $0, file: "am.yml") },
            { _ = try InhibitRuleParser.parseAlertmanagerConfig(yaml: $0, file: "am.yml") },
        ]
        for parse in parsers {
            do {
                try parse(Self.broken)
                Issue.record("expected a YAML error")
            } catch let error as ConfigError {
                let text = "\(error)"
                #expect(!text.contains("hunter2"))
                #expect(text.contains("invalid YAML"))
                #expect(error.diagnostics.first?.line ?? 0 > 1)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
