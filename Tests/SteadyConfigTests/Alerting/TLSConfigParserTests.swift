import Foundation
import SteadyModel
import Testing

@testable import SteadyConfig

/// `tls_config` in receivers' `http_config` and in email configs: values, files read at load time, and Prometheus's
/// validation with positions. (The PEM text only has to look like PEM here; SteadyNotify's tests use real
/// certificates.)
@Suite("tls_config parsing")
struct TLSConfigParserTests {
    static let ca = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----"
    static let cert = "-----BEGIN CERTIFICATE-----\nQ0VSVA==\n-----END CERTIFICATE-----"
    static let key = "-----BEGIN EC PRIVATE KEY-----\nS0VZLXNlY3JldA==\n-----END EC PRIVATE KEY-----"

    /// A directory with `ca.pem`, `client.pem` and `client.key`, and the path of an `alertmanager.yml` in it.
    static func directory() throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-tls-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try (ca + "\n").write(to: directory.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        try (cert + "\n").write(to: directory.appendingPathComponent("client.pem"), atomically: true, encoding: .utf8)
        try (key + "\n").write(to: directory.appendingPathComponent("client.key"), atomically: true, encoding: .utf8)
        return (directory, directory.appendingPathComponent("alertmanager.yml").path)
    }

    static func parse(_ yaml: String, file: String = "am.yml") throws -> ReceiverParser.Parsed {
        try ReceiverParser.parseAlertmanagerConfig(yaml: yaml, file: file)
    }

    @Test("files are read relative to the configuration file; paths are kept for display")
    func files() throws {
        let (directory, file) = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = """
            global:
              smtp_smarthost: mail.internal:465
              smtp_from: steady@example.com
            receivers:
            - name: ops
              webhook_configs:
              - url: https://10.0.0.5:8443/hook
                http_config:
                  tls_config:
                    ca_file: ca.pem
                    cert_file: client.pem
                    key_file: \(directory.path)/client.key
                    server_name: hooks.internal
                    min_version: TLS12
                    max_version: TLS13
              email_configs:
              - to: oncall@example.com
                tls_config: {ca_file: ca.pem, server_name: mail.example.com, insecure_skip_verify: false}
            """
        let parsed = try Self.parse(yaml, file: file)
        #expect(parsed.warnings.isEmpty)
        let tls = try #require(parsed.receivers.first?.webhookConfigs.first?.http.tls)
        #expect(tls.ca == Self.ca)
        #expect(tls.caFile == "ca.pem")
        #expect(tls.cert == Self.cert)
        #expect(tls.certFile == "client.pem")
        #expect(tls.key?.value == Self.key)
        #expect(tls.keyFile == "\(directory.path)/client.key")
        #expect(tls.serverName == "hooks.internal")
        #expect(tls.minVersion == .tls12)
        #expect(tls.maxVersion == .tls13)
        #expect(!tls.insecureSkipVerify)
        let email = try #require(parsed.receivers.first?.emailConfigs.first)
        #expect(email.tls == TLSSettings(ca: Self.ca, caFile: "ca.pem", serverName: "mail.example.com"))
    }

    @Test("inline ca, cert and key; global.http_config.tls_config is inherited")
    func inline() throws {
        let yaml = """
            global:
              http_config:
                tls_config:
                  ca: |
                    \(Self.ca.replacingOccurrences(of: "\n", with: "\n        "))
                  cert: |
                    \(Self.cert.replacingOccurrences(of: "\n", with: "\n        "))
                  key: |
                    \(Self.key.replacingOccurrences(of: "\n", with: "\n        "))
                  insecure_skip_verify: true
            receivers:
            - name: ops
              slack_configs:
              - api_url: https://hooks.slack.com/x
              pagerduty_configs:
              - routing_key: rk
            """
        let parsed = try Self.parse(yaml)
        let slack = try #require(parsed.receivers.first?.slackConfigs.first)
        // Inline text is kept as written (a block scalar ends with a newline); file contents are trimmed.
        #expect(slack.http.tls.ca == Self.ca + "\n")
        #expect(slack.http.tls.cert == Self.cert + "\n")
        #expect(slack.http.tls.key?.value == Self.key + "\n")
        #expect(slack.http.tls.caFile == nil)
        #expect(slack.http.insecureSkipVerify)
        #expect(parsed.receivers.first?.pagerdutyConfigs.first?.http.tls == slack.http.tls)
    }

    @Test("the key never appears when a receiver is encoded; file paths and inline certificates do")
    func keyIsRedacted() throws {
        let inline = HTTPClientSettings(tls: TLSSettings(ca: Self.ca, cert: Self.cert, key: Secret(Self.key)))
        let fromFiles = EmailConfig(
            to: "a@b", from: "c@d", smarthost: "h:25",
            tls: TLSSettings(
                ca: Self.ca, caFile: "ca.pem", cert: Self.cert, certFile: "client.pem", key: Secret(Self.key),
                keyFile: "client.key", serverName: "mail.internal", minVersion: .tls12))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let inlineJSON = String(decoding: try encoder.encode(inline), as: UTF8.self)
        let filesJSON = String(decoding: try encoder.encode(fromFiles), as: UTF8.self)
        for json in [inlineJSON, filesJSON] {
            #expect(!json.contains("S0VZLXNlY3JldA"), "\(json)")
            #expect(!json.contains("PRIVATE KEY"), "\(json)")
        }
        #expect(inlineJSON.contains(#""key":"<secret>""#))
        #expect(inlineJSON.contains("Q0VSVA=="))
        #expect(
            filesJSON.contains(
                #""tls_config":{"ca_file":"ca.pem","cert_file":"client.pem","insecure_skip_verify":false,"key_file":"client.key","min_version":"TLS12","server_name":"mail.internal"}"#
            ), "\(filesJSON)")
    }

    @Test(
        "errors name file:line:column and what was expected",
        arguments: [
            (
                "  - url: https://x\n    http_config:\n      tls_config:\n        ca_file: /nonexistent/steady/ca.pem\n",
                "am.yml:9:18: error: receivers[0].webhook_configs[0].http_config.tls_config.ca_file: cannot read /nonexistent/steady/ca.pem"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config:\n        cert_file: /nonexistent/client.pem\n",
                "am.yml:9:20: error: receivers[0].webhook_configs[0].http_config.tls_config.cert_file: cannot read /nonexistent/client.pem"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config:\n        insecure_skip_verify: true\n        cert: \(TLSConfigParserTests.ca.debugDescription)\n",
                "am.yml:10:9: error: receivers[0].webhook_configs[0].http_config.tls_config: exactly one of key or key_file must be configured when a client certificate is configured"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config:\n        key: \(TLSConfigParserTests.key.debugDescription)\n",
                "am.yml:9:9: error: receivers[0].webhook_configs[0].http_config.tls_config: exactly one of cert or cert_file must be configured when a client key is configured"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config: {min_version: TLS14}\n",
                "am.yml:8:33: error: receivers[0].webhook_configs[0].http_config.tls_config.min_version: unknown TLS version: TLS14; expected one of TLS10, TLS11, TLS12, TLS13"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config: {min_version: TLS13, max_version: TLS12}\n",
                "am.yml:8:53: error: receivers[0].webhook_configs[0].http_config.tls_config: max_version must be greater than or equal to min_version if both are specified (found min_version TLS13, max_version TLS12)"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config: {ca: x, ca_file: y}\n",
                "am.yml:8:27: error: receivers[0].webhook_configs[0].http_config.tls_config: at most one of ca & ca_file must be configured"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config: {ca: not a certificate}\n",
                "am.yml:8:24: error: receivers[0].webhook_configs[0].http_config.tls_config.ca: unable to use specified CA cert: expected PEM certificates (-----BEGIN CERTIFICATE-----)"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config: {cert: \(TLSConfigParserTests.cert.debugDescription), key: hunter2}\n",
                "am.yml:8:99: error: receivers[0].webhook_configs[0].http_config.tls_config.key: unable to use specified client key: expected a PEM private key (-----BEGIN … PRIVATE KEY-----)"
            ),
            (
                "  - url: https://x\n    http_config:\n      tls_config: {cafile: x}\n",
                "am.yml:8:20: error: receivers[0].webhook_configs[0].http_config.tls_config: unknown key 'cafile'; did you mean 'ca_file'?"
            ),
        ])
    func errors(webhook: String, expected: String) {
        let yaml = "route:\n  receiver: a\nreceivers:\n- name: a\n  webhook_configs:\n" + webhook
        #expect {
            _ = try Self.parse(yaml)
        } throws: { error in
            let description = (error as? ConfigError)?.errors.first?.description
            if description != expected { Issue.record("got \(description ?? "\(error)")") }
            return description == expected
        }
    }

    @Test("email tls_config errors carry their position too")
    func emailErrors() {
        let yaml =
            "receivers:\n- name: a\n  email_configs:\n  - to: a@b\n    from: c@d\n    smarthost: h:25\n    tls_config:\n      key_file: /nonexistent/k.pem\n"
        #expect {
            _ = try Self.parse(yaml)
        } throws: { error in
            (error as? ConfigError)?.errors.first?.description
                == "am.yml:8:17: error: receivers[0].email_configs[0].tls_config.key_file: cannot read /nonexistent/k.pem"
        }
    }

    @Test("amtool 0.25 agrees on bad versions; the files it does not open are Steady's known difference")
    func amtool() throws {
        let prefix =
            "route:\n  receiver: r\nreceivers:\n- name: r\n  webhook_configs:\n  - url: https://x\n    http_config:\n"
        let badVersion = prefix + "      tls_config: {min_version: TLS14}\n"
        let reference = try #require(try AmtoolDifferentialTests.amtool(badVersion))
        let ours = try #require(ReceiverAmtoolDifferentialTests.steady(badVersion))
        #expect(ours.contains(reference), "amtool: \(reference); Steady: \(ours)")
        // amtool check-config does not open TLS files or pair certificates with keys (Alertmanager finds out when it
        // builds the notifier); Steady reports both at load time.
        for tls in ["{ca_file: /nonexistent/steady/ca.pem}", "{cert_file: /etc/hostname}"] {
            let yaml = prefix + "      tls_config: \(tls)\n"
            #expect(try AmtoolDifferentialTests.amtool(yaml) == nil)
            #expect(ReceiverAmtoolDifferentialTests.steady(yaml) != nil)
        }
    }
}
