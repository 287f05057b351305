import AsyncHTTPClient
import Foundation
import Logging
import SteadyConfig
import SteadyModel
import Testing

@testable import SteadyServer

/// Real Prometheus 2.42 (Debian package) evaluates an always-firing rule and sends it to Steady as it would to
/// Alertmanager — only the URL and a bearer token differ — and Steady holds the alert with Prometheus's labels,
/// annotations and generator URL.
@Suite("Prometheus sends alerts to Steady", .timeLimit(.minutes(3)))
struct PrometheusToSteadyTests {
    @Test("a firing Prometheus rule arrives through POST /api/v2/alerts")
    func prometheusAlertsArrive() async throws {
        let prometheusBinary = "/usr/bin/prometheus"
        try #require(
            FileManager.default.isExecutableFile(atPath: prometheusBinary),
            "Prometheus is missing: scripts/install-test-deps.sh installs the Debian package")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "prometheus-to-steady")
        logger.logLevel = .critical
        let token = "prometheus-sends-alerts-token-0123456789"
        let configuration = try ConfigLoader().parse(
            yaml: """
                storage: { sqlite: { path: \(directory.path)/steady.db } }
                server: { listen: 127.0.0.1:0 }
                auth: { tokens: [{ name: prometheus, role: responder, secret: \(token) }] }
                route: { receiver: ops, group_by: [alertname] }
                receivers: [{ name: ops }]
                """, file: "steady.yml"
        ).configuration

        try await AlertIntakeLiveTests.withServer(configuration, logger: logger) { live in
            let server = live.server
            let steadyPort = live.port
            let prometheusPort = try #require(FreePort.find())

            try """
            groups:
              - name: steady-e2e
                interval: 1s
                rules:
                  - alert: CheckoutDown
                    expr: vector(1)
                    labels: { severity: page, service: checkout }
                    annotations: { summary: "checkout is down", runbook: "https://runbooks.example/checkout" }
            """.write(to: directory.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
            try """
            global: { evaluation_interval: 1s }
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - api_version: v2
                  authorization: { credentials: \(token) }
                  static_configs: [{ targets: ["127.0.0.1:\(steadyPort)"] }]
            """.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
            let prometheus = Process()
            prometheus.executableURL = URL(fileURLWithPath: prometheusBinary)
            prometheus.arguments = [
                "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/tsdb",
                "--web.listen-address=127.0.0.1:\(prometheusPort)",
                // The first send happens before Alertmanager discovery finishes and is dropped; resend soon.
                "--rules.alert.resend-delay=1s",
            ]
            prometheus.standardOutput = FileHandle.nullDevice
            prometheus.standardError = FileHandle.nullDevice
            try prometheus.run()
            defer {
                prometheus.terminate()
                prometheus.waitUntilExit()
            }

            var received: Alert?
            for _ in 0..<300 where received == nil {
                received = await server.alertPipeline.allAlerts().first { $0.name == "CheckoutDown" }
                if received == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let alert = try #require(received, "Prometheus did not deliver the alert within 30 s")
            #expect(alert.labels == Labels(["alertname": "CheckoutDown", "severity": "page", "service": "checkout"]))
            #expect(alert.annotations["summary"] == "checkout is down")
            #expect(alert.generatorURL.contains("/graph?g0.expr=vector%281%29"))
            // Prometheus sends an explicit endsAt in the future (not Steady's resolve timeout).
            #expect(!alert.timeout)
            #expect(!alert.isResolved(at: SystemWallClock().now))
        }
    }
}
