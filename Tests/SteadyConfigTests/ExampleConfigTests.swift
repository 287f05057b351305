import Foundation
import SteadyConfig
import SteadyModel
import Testing

@Suite struct ExampleConfigTests {
    static let exampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/steady.yml")
    static let environment = ["STEADY_ADMIN_TOKEN": "example-admin-token-0123456789"]

    @Test func exampleLoadsCleanly() throws {
        let loaded = try ConfigLoader(environment: Self.environment).load(path: Self.exampleURL.path)
        #expect(loaded.warnings == [])
        let config = loaded.configuration
        #expect(config.services.map(\.name) == ["checkout", "inventory"])
        #expect(
            config.services.flatMap(\.slos).map(\.id) == [
                "checkout/availability", "checkout/latency", "inventory/availability",
            ])
        #expect(
            config.auth.tokens == [ConfiguredToken(name: "ci", role: .admin, secret: "example-admin-token-0123456789")])
        #expect(config.services[0].scrape?.timeout == .seconds(10))
        #expect(config.services[0].slos[1].period == .calendar(.month, timeZone: "Europe/Paris"))
        #expect(config.passthrough.keys.sorted() == ["receivers", "route"])
        // Kept for /api/v2/status with secrets redacted, as Alertmanager shows its configuration.
        #expect(config.passthrough["receivers"]?.contains("http://127.0.0.1:5001/hook") == false)
        #expect(config.passthrough["receivers"]?.contains("url: <secret>") == true)
    }

    @Test func exampleWithoutTheTokenNamesTheVariable() throws {
        do throws(ConfigError) {
            _ = try ConfigLoader(environment: [:]).load(path: Self.exampleURL.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.count == 1)
            #expect(error.errors.first?.message.contains("STEADY_ADMIN_TOKEN is not set") == true)
            #expect(error.errors.first?.line == 25)
        }
    }
}

@Suite struct FileLoadingTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-config-\(UUID().uuidString).yml")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingFileAndDirectory() {
        let missing = "/nonexistent-\(UUID().uuidString)/steady.yml"
        #expect(
            throws: ConfigError(diagnostics: [
                ConfigDiagnostic(file: missing, line: 0, column: 0, severity: .error, message: "no such file")
            ])
        ) {
            try ConfigLoader(environment: [:]).load(path: missing)
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(
            throws: ConfigError(diagnostics: [
                ConfigDiagnostic(
                    file: directory, line: 0, column: 0, severity: .error,
                    message: "is a directory, expected a YAML file")
            ])
        ) {
            try ConfigLoader(environment: [:]).load(path: directory)
        }
    }

    @Test func invalidUTF8PointsAtTheByte() throws {
        let path = try Self.temporaryFile(Array("server:\n  listen: é".utf8) + [0xFF, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: path) }
        do throws(ConfigError) {
            _ = try ConfigLoader(environment: [:]).load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "\(path):2:12: error: the file is not valid UTF-8 text (byte 0xff)"
                ])
        }
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let path = try Self.temporaryFile([0xEF, 0xBB, 0xBF] + Array("logging: { level: loud }\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do throws(ConfigError) {
            _ = try ConfigLoader(environment: [:]).load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.column == 19)
        }
    }
}

@Suite struct SecretRedactionTests {
    @Test func secretsInAlertmanagerSectionsAreRedactedInThePassthroughText() throws {
        let yaml = """
            global:
              smtp_auth_password: hunter2
              smtp_from: steady@example.com
              smtp_smarthost: mail.example.com:587
              slack_api_url: https://hooks.slack.com/services/T0/B0/XYZ
              pagerduty_url: https://events.pagerduty.com/v2/enqueue
            route:
              receiver: ops
            receivers:
              - name: ops
                webhook_configs:
                  - url: https://hooks.example.com/token-abc
                    http_config: { basic_auth: { username: u, password: pw-123 } }
                pagerduty_configs:
                  - routing_key: rk-456
                email_configs:
                  - to: a@example.com
                    auth_password: mail-789
                    tls_config:
                      cert: "-----BEGIN CERTIFICATE-----\\nQ0VSVElGSUNBVEU=\\n-----END CERTIFICATE-----\\n"
                      key: "-----BEGIN PRIVATE KEY-----\\nSU5MSU5FLUtFWS0zMjE=\\n-----END PRIVATE KEY-----\\n"
            """
        let config = try ConfigLoader(environment: [:]).parse(yaml: yaml, file: "steady.yml").configuration
        let text = config.passthrough.values.joined(separator: "\n")
        for secret in ["hunter2", "XYZ", "token-abc", "pw-123", "rk-456", "mail-789", "SU5MSU5FLUtFWS0zMjE="] {
            #expect(!text.contains(secret), "\(secret) leaked into the kept configuration text")
        }
        // Settings that are not secret stay readable.
        #expect(text.contains("https://events.pagerduty.com/v2/enqueue"))
        #expect(text.contains("username: u"))
        #expect(text.contains("to: a@example.com"))
        #expect(text.contains("Q0VSVElGSUNBVEU="), "a certificate is not a secret")
        // The parsed configuration still has the real values for delivery.
        #expect(
            config.alerting?.receivers.first?.webhookConfigs.first?.url.value == "https://hooks.example.com/token-abc")
    }
}
