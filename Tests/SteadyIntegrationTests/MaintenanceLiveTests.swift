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

/// Recurring maintenance windows through the API and the CLI against a live Steady: a window in force mutes matching
/// alerts (shown as silenced), one outside its schedule does not, bad schedules get Alertmanager's messages, and
/// deleting a window lets the held-back notification out.
@Suite("Maintenance windows end to end", .timeLimit(.minutes(2)))
struct MaintenanceLiveTests {
    static let token = "maintenance-responder-token-0123456789"

    @Test("a window in force mutes matching alerts; outside its schedule it does not")
    func windowsMuteOnSchedule() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-mw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "maintenance-live")
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
                    auth: { anonymous_read: true, tokens: [{ name: ops, role: responder, secret: \(Self.token) }] }
                    route: { receiver: hook, group_by: [service], group_wait: 0s, group_interval: 1s }
                    receivers: [{ name: hook, webhook_configs: [{ url: "http://127.0.0.1:\(sinkPort)/hook" }] }]
                    """, file: "steady.yml"
            ).configuration
            let ports = AsyncStream.makeStream(of: Int.self)
            var options = ServerOptions()
            options.onListening = { ports.continuation.yield($0) }
            let server = try await SteadyServer.make(configuration: configuration, options: options, logger: logger)
            group.addTask { try await server.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let base = "http://127.0.0.1:\(try #require(await iterator.next()))"

            func send(_ method: HTTPMethod, _ path: String, _ body: Any? = nil) async throws -> (UInt, Any?) {
                var request = HTTPClientRequest(url: base + path)
                request.method = method
                request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
                if let body {
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
                }
                let response = try await client.execute(request, timeout: .seconds(5))
                let bytes = try await response.body.collect(upTo: 1 << 20)
                let object = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))
                return (response.status.code, object)
            }

            // Always in force (every weekday) for the database; only tomorrow for the web tier.
            let (created, createdBody) = try await send(
                .POST, "/api/v1/maintenance",
                [
                    "matchers": ["service=db"], "time_intervals": [["weekdays": ["sunday:saturday"]]],
                    "comment": "storage migration",
                ])
            #expect(created == 201, "\(String(describing: createdBody))")
            let dbWindow = try #require((createdBody as? [String: Any])?["id"] as? String)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let tomorrow = calendar.component(.weekday, from: Date().addingTimeInterval(86_400))
            let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
            let (createdWeb, _) = try await send(
                .POST, "/api/v1/maintenance",
                [
                    "matchers": ["service=web"], "time_intervals": [["weekdays": [names[tomorrow - 1]]]],
                    "comment": "tomorrow only",
                ])
            #expect(createdWeb == 201)
            let (bad, badBody) = try await send(
                .POST, "/api/v1/maintenance",
                [
                    "matchers": ["service=db"],
                    "time_intervals": [["times": [["start_time": "25:00", "end_time": "26:00"]]]], "comment": "x",
                ])
            #expect(bad == 400)
            #expect(
                (((badBody as? [String: Any])?["error"] as? [String: Any])?["message"] as? String)?.contains("couldn't parse timestamp 25:00")
                    == true, "\(String(describing: badBody))")

            let (posted, _) = try await send(
                .POST, "/api/v2/alerts",
                [
                    ["labels": ["alertname": "DiskFull", "service": "db"]],
                    ["labels": ["alertname": "Slow", "service": "web"]],
                ])
            #expect(posted == 200)
            func services() throws -> [String] {
                try sink.received("hook").compactMap {
                    ((try JSONSerialization.jsonObject(with: $0) as? [String: Any])?["commonLabels"]
                        as? [String: String])?["service"]
                }
            }
            for _ in 0..<100 where try !services().contains("web") {
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .seconds(2))
            #expect(try services() == ["web"], "only the web alert may notify while the db window is in force")

            let (_, alerts) = try await send(.GET, "/api/v2/alerts?filter=service%3D%22db%22")
            let status = try #require(((alerts as? [[String: Any]])?.first)?["status"] as? [String: Any])
            #expect(status["state"] as? String == "suppressed")
            #expect(status["silencedBy"] as? [String] == ["maintenance/\(dbWindow)"])

            let (_, listed) = try await send(.GET, "/api/v1/maintenance")
            let windows = try #require((listed as? [String: Any])?["windows"] as? [[String: Any]])
            #expect(windows.map { $0["activeNow"] as? Bool } == [true, false])

            // The CLI lists and deletes; once the window is gone the held-back alert notifies.
            let api = ["--server", base, "--token", Self.token]
            let cliList = try await SteadyBinary.run(["maintenance", "list"] + api)
            #expect(cliList.stdout.contains(dbWindow) && cliList.stdout.contains("storage migration"))
            let deleted = try await SteadyBinary.run(["maintenance", "delete", dbWindow] + api)
            #expect(deleted.status == 0, "\(deleted.stderr)")
            for _ in 0..<100 where try !services().contains("db") {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try services().contains("db"))
            let (missing, _) = try await send(.DELETE, "/api/v1/maintenance/\(dbWindow)")
            #expect(missing == 404)
            let page = try await send(.GET, "/alerts")
            #expect(page.0 == 200)
            await server.shutdown()
            group.cancelAll()
        }
    }
}
