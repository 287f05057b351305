import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import SteadyModel
import Testing

@testable import SteadyNotify

/// Real Alertmanager 0.25 (Debian's prometheus-alertmanager) receives two alerts with awkward contents and delivers
/// them to a loopback webhook; ``WebhookPayload`` must produce the same bytes for the same notification.
@Suite("Webhook body vs Alertmanager 0.25", .timeLimit(.minutes(2)))
struct AlertmanagerWebhookGoldenTests {
    static let binary = "/usr/bin/prometheus-alertmanager"

    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    @Test("byte-identical bodies, including truncation with max_alerts")
    func identical() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary),
            "\(Self.binary) is missing: scripts/install-test-deps.sh installs the Debian package")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-am-golden-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sink = RecordingServer()
        try await sink.run { sinkPort in
            let port = try await Self.freePort()
            let config = """
                route:
                  receiver: 'team-x.ops'
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1h
                  repeat_interval: 1h
                  routes:
                  - receiver: 'team-x.ops'
                    continue: true
                  - receiver: 'trunc'
                receivers:
                - name: 'team-x.ops'
                  webhook_configs:
                  - url: http://127.0.0.1:\(sinkPort)/ok
                - name: 'trunc'
                  webhook_configs:
                  - url: http://127.0.0.1:\(sinkPort)/fail
                    max_alerts: 1
                """
            let configFile = directory.appendingPathComponent("alertmanager.yml")
            try config.write(to: configFile, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = [
                "--config.file=\(configFile.path)", "--storage.path=\(directory.path)",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
                "--web.external-url=http://steady:9093",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            let base = "http://127.0.0.1:\(port)"
            var ready = false
            for _ in 0..<100 where !ready {
                if let response = try? await HTTPClient.shared.execute(
                    HTTPClientRequest(url: base + "/-/ready"), timeout: .seconds(1)), response.status == .ok
                {
                    ready = true
                } else {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try #require(ready, "Alertmanager did not become ready")

            let now = WallInstant(date: Date())
            // The firing alert starts slightly in the future so Alertmanager waits group_wait instead of flushing on
            // the first insert (an alert older than group_wait flushes at once); the resolved one arrives second.
            let startsAt = now.truncated(to: .seconds(1)).advanced(by: .nanoseconds(2_123_456_789))
            let firing = Alert(
                labels: Labels(["alertname": "HighLatency", "instance": "a:8080", "service": "chéckout"]),
                annotations: Labels([
                    "summary": "p99 > 1s & rising <fast>", "description": "line one\nline\ttwo \u{2028} \"quoted\" \\",
                ]),
                startsAt: startsAt, endsAt: WallInstant(nanosecondsSinceEpoch: 4_000_000_000_000_000_000),
                generatorURL: "http://prom:9090/graph?g0.expr=rate(x[5m])&g0.tab=1", updatedAt: now)
            let resolved = Alert(
                labels: Labels(["alertname": "HighLatency", "instance": "b:8080", "service": "chéckout"]),
                annotations: Labels(["summary": "recovered"]),
                startsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_000_000_000_000),
                endsAt: WallInstant(nanosecondsSinceEpoch: 1_700_000_100_500_000_000), updatedAt: now)
            var post = HTTPClientRequest(url: base + "/api/v2/alerts")
            post.method = .POST
            post.headers.add(name: "Content-Type", value: "application/json")
            let alertsJSON = [firing, resolved].map { alert -> [String: Any] in
                [
                    "labels": Dictionary(uniqueKeysWithValues: alert.labels.map { ($0.name, $0.value) }),
                    "annotations": Dictionary(uniqueKeysWithValues: alert.annotations.map { ($0.name, $0.value) }),
                    "startsAt": GoTime.rfc3339Nano(alert.startsAt), "endsAt": GoTime.rfc3339Nano(alert.endsAt),
                    "generatorURL": alert.generatorURL,
                ]
            }
            post.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: alertsJSON)))
            let response = try await HTTPClient.shared.execute(post, timeout: .seconds(5))
            #expect(response.status == .ok)

            for _ in 0..<100 where sink.received.count < 2 { try await Task.sleep(for: .milliseconds(100)) }
            let received = sink.received
            try #require(received.count == 2, "Alertmanager sent \(received.count) webhooks")
            for delivery in received {
                let body = try #require(
                    try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
                let groupKey = try #require(body["groupKey"] as? String)
                #expect(groupKey == #"{}/{}:{alertname="HighLatency"}"#)
                let truncate = delivery.path == "/fail"
                let notification = AlertNotification(
                    receiver: truncate ? "trunc" : "team-x.ops", groupKey: groupKey,
                    groupLabels: Labels(["alertname": "HighLatency"]), alerts: [firing, resolved],
                    flushedAt: WallInstant(date: Date()), externalURL: "http://steady:9093")
                let ours = WebhookPayload.encode(notification, maxAlerts: truncate ? 1 : 0)
                #expect(
                    String(decoding: ours, as: UTF8.self) == String(decoding: delivery.body, as: UTF8.self),
                    "path \(delivery.path)")
            }
        }
    }
}
