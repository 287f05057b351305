import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import SteadyConfig
import SteadyModel
import Testing

@testable import SteadyServer

/// A heartbeat that stops pinging pages a webhook receiver through a live Steady, and a ping resolves it; pings use
/// Healthchecks' URLs and answers.
@Suite("Heartbeats end to end", .timeLimit(.minutes(2)))
struct HeartbeatLiveTests {
    static let uuid = "5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11"

    @Test("a silent job raises HeartbeatMissing at the webhook; the next ping resolves it")
    func silentJobPages() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-hb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "heartbeat-live")
        logger.logLevel = .critical
        let sink = WebhookSink()
        let client = HTTPClient.shared

        try await withThrowingTaskGroup(of: Void.self) { group in
            let sinkPorts = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await sink.application { sinkPorts.continuation.yield($0) }.runService() }
            var sinkIterator = sinkPorts.stream.makeAsyncIterator()
            let sinkPort = try #require(await sinkIterator.next())
            let configuration = try ConfigLoader(environment: [:]).parse(
                yaml: """
                    storage: { sqlite: { path: \(directory.path)/steady.db } }
                    server: { listen: 127.0.0.1:0 }
                    auth: { anonymous_read: true }
                    heartbeats:
                      - name: nightly-backup
                        uuid: \(Self.uuid)
                        period: 2s
                        grace: 1s
                        labels: { team: storage }
                    route:
                      receiver: oncall
                      group_by: [alertname, heartbeat]
                      group_wait: 0s
                      group_interval: 1s
                    receivers:
                      - name: oncall
                        webhook_configs:
                          - url: http://127.0.0.1:\(sinkPort)/oncall
                            send_resolved: true
                    """, file: "steady.yml"
            ).configuration
            let ports = AsyncStream.makeStream(of: Int.self)
            var options = ServerOptions()
            options.onListening = { ports.continuation.yield($0) }
            let server = try await SteadyServer.make(configuration: configuration, options: options, logger: logger)
            group.addTask { try await server.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let base = "http://127.0.0.1:\(port)"

            func request(_ path: String, method: HTTPMethod = .GET, body: String? = nil) async throws -> (
                status: UInt, text: String
            ) {
                var request = HTTPClientRequest(url: base + path)
                request.method = method
                if let body { request.body = .bytes(ByteBuffer(string: body)) }
                let response = try await client.execute(request, timeout: .seconds(5))
                let bytes = try await response.body.collect(upTo: 1 << 20)
                return (response.status.code, String(buffer: bytes))
            }

            // Healthchecks' answers: OK for a known check, "not found" for an unknown UUID or suffix.
            let ping = try await request("/ping/\(Self.uuid)", method: .POST, body: "backup ok")
            #expect(ping.status == 200 && ping.text == "OK")
            let unknown = try await request("/ping/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
            #expect(unknown.status == 404 && unknown.text == "not found")
            let badSuffix = try await request("/ping/\(Self.uuid)/sideways")
            #expect(badSuffix.status == 404)
            let list = try await request("/api/v1/heartbeats")
            let heartbeats = try #require(
                (try JSONSerialization.jsonObject(with: Data(list.text.utf8)) as? [String: Any])?["heartbeats"]
                    as? [[String: Any]])
            #expect(heartbeats.first?["state"] as? String == "up")
            #expect(heartbeats.first?["lastMessage"] as? String == "backup ok")
            // The same from the CLI, and on the dashboard's Alerts page.
            let cli = try await SteadyBinary.run(["heartbeats", "--server", base])
            #expect(cli.status == 0, "\(cli.stderr)")
            #expect(cli.stdout.contains("nightly-backup") && cli.stdout.contains("/ping/\(Self.uuid)"))
            let page = try await request("/alerts")
            #expect(page.status == 200 && page.text.contains("nightly-backup"))

            // No more pings: after period + grace the alert fires and reaches the webhook.
            var firing: [String: Any]?
            for _ in 0..<150 where firing == nil {
                try await Task.sleep(for: .milliseconds(100))
                firing = try sink.received("oncall").lazy.compactMap {
                    try JSONSerialization.jsonObject(with: $0) as? [String: Any]
                }.first { $0["status"] as? String == "firing" }
            }
            let body = try #require(firing, "no firing webhook within 15 s")
            let alert = try #require((body["alerts"] as? [[String: Any]])?.first)
            let labels = try #require(alert["labels"] as? [String: String])
            #expect(labels == ["alertname": "HeartbeatMissing", "heartbeat": "nightly-backup", "team": "storage"])
            #expect(body["receiver"] as? String == "oncall")

            // A success ping resolves it.
            _ = try await request("/ping/\(Self.uuid)")
            var resolved = false
            for _ in 0..<150 where !resolved {
                try await Task.sleep(for: .milliseconds(100))
                resolved = try sink.received("oncall").contains {
                    (try JSONSerialization.jsonObject(with: $0) as? [String: Any])?["status"] as? String == "resolved"
                }
            }
            #expect(resolved, "no resolved webhook within 15 s")
            await server.shutdown()
            group.cancelAll()
        }
    }
}
