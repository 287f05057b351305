import Foundation
import Logging
import ServiceLifecycle

/// Runs a real Prometheus (`--with-prometheus`) that scrapes the demo service, evaluates an error-rate alerting rule
/// and sends its alerts to Steady's Alertmanager API: a Prometheus stack pointed at Steady, end to end. It stops
/// with the demo.
struct DemoPrometheus: Service {
    let executable: String
    let directory: String
    let port: Int
    let steadyPort: @Sendable () -> Int
    let serviceTarget: String
    let token: String
    let interval: Duration
    let logger: Logger

    static let alertName = "CheckoutHighErrorRate"

    var url: String { "http://127.0.0.1:\(port)" }

    func writeFiles() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let seconds = max(1, Int(interval.components.seconds))
        let rules = """
            groups:
              - name: checkout
                interval: \(seconds)s
                rules:
                  - alert: \(Self.alertName)
                    expr: |
                      sum(rate(http_requests_total{job="checkout",code=~"5.."}[\(seconds * 6)s]))
                        / sum(rate(http_requests_total{job="checkout"}[\(seconds * 6)s])) > 0.05
                    labels: { severity: page, service: checkout }
                    annotations:
                      summary: "checkout is failing {{ $value | humanizePercentage }} of requests"
                      runbook_url: "https://example.com/runbooks/checkout-errors"
            """
        try rules.write(toFile: directory + "/rules.yml", atomically: true, encoding: .utf8)
        let config = """
            global: { scrape_interval: \(seconds)s, evaluation_interval: \(seconds)s }
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: checkout
                static_configs: [{ targets: ["\(serviceTarget)"] }]
            alerting:
              alertmanagers:
                - api_version: v2
                  authorization: { credentials: \(token) }
                  static_configs: [{ targets: ["127.0.0.1:\(steadyPort())"] }]
            """
        try config.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
    }

    func run() async throws {
        // Steady's port is known once it listens; wait for it.
        while steadyPort() == 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        try writeFiles()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--rules.alert.resend-delay=\(max(1, Int(interval.components.seconds)))s",
        ]
        FileManager.default.createFile(atPath: directory + "/prometheus.log", contents: nil)
        let log = FileHandle(forWritingAtPath: directory + "/prometheus.log") ?? FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        logger.info("demo Prometheus started", metadata: ["url": "\(url)", "pid": "\(process.processIdentifier)"])
        await cancelWhenGracefulShutdown {
            while process.isRunning, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        if process.isRunning {
            process.terminate()
            await Self.waitForExit(process)
        }
        try? log.close()
    }

    /// Waits off the cooperative pool (a blocking wait would starve the in-process servers on small machines).
    private static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}
