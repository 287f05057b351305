import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SteadyConfig
import SteadyModel
import SteadyServer
import Testing

/// Alertmanager API v2 intake against a live Steady over loopback: partial acceptance with Alertmanager's messages,
/// tokens required for writes, amtool reads the alerts unchanged, and accepted alerts survive a restart.
@Suite("Alert intake live", .timeLimit(.minutes(3)))
struct AlertIntakeLiveTests {
    static let token = "steady-test-responder-token-0123456789"

    @Test("POST /api/v2/alerts stores valid alerts durably; amtool lists them")
    func intakeIsDurableAndAmtoolReadsIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-am-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "alert-intake-live")
        logger.logLevel = .critical
        let yaml = """
            storage: { sqlite: { path: \(directory.path)/steady.db } }
            server: { listen: 127.0.0.1:0 }
            auth:
              anonymous_read: true
              tokens: [{ name: prometheus, role: responder, secret: \(Self.token) }]
            global: { resolve_timeout: 10m }
            route:
              receiver: ops
              group_by: [alertname]
              routes:
                - receiver: checkout-team
                  matchers: ['service="checkout"']
            receivers:
              - name: ops
              - name: checkout-team
            """
        let configuration = try ConfigLoader().parse(yaml: yaml, file: "steady.yml").configuration
        #expect(configuration.alerting?.resolveTimeout == .seconds(600))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }

        for round in 0..<2 {
            try await Self.withServer(configuration, logger: logger) { live in
                let base = live.base

                if round == 0 {
                    let started = Timestamp.format(SystemWallClock().now.advanced(by: .seconds(-60)))
                    // Nanoseconds on the wire: Prometheus sends RFC 3339 with up to 9 fractional digits.
                    let startsAt = started.replacingOccurrences(of: "Z", with: "456789Z")
                    let body = """
                        [
                          {"labels": {"alertname": "HighLatency", "service": "checkout", "empty": ""},
                           "annotations": {"summary": "p99 above 500ms"},
                           "startsAt": "\(startsAt)",
                           "generatorURL": "http://prometheus:9090/graph"},
                          {"labels": {"alertname": "DiskFull", "instance": "db-1"}},
                          {"labels": {"bad-name": "x"}},
                          {"labels": {"alertname": "Backwards"}, "startsAt": "2026-11-23T10:00:00Z",
                           "endsAt": "2026-11-23T09:00:00Z"}
                        ]
                        """
                    let anonymous = try await Self.send(client, .POST, "\(base)/api/v2/alerts", body: body, token: nil)
                    #expect(anonymous.status == 401)
                    let posted = try await Self.send(
                        client, .POST, "\(base)/api/v2/alerts", body: body, token: Self.token)
                    #expect(posted.status == 400)
                    #expect(
                        posted.body
                            == #""invalid label set: invalid name \"bad-name\"; start time must be before end time""#)
                    let missingLabels = try await Self.send(
                        client, .POST, "\(base)/api/v2/alerts", body: #"[{"annotations": {}}]"#, token: Self.token)
                    #expect(missingLabels.status == 422)
                }

                // Both rounds: the two valid alerts are there (the second round after a restart).
                let listed = try await Self.send(client, .GET, "\(base)/api/v2/alerts", body: nil, token: nil)
                #expect(listed.status == 200)
                let alerts = try #require(
                    try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [[String: Any]])
                let byName = Dictionary(
                    uniqueKeysWithValues: alerts.map { (($0["labels"] as? [String: String])?["alertname"] ?? "", $0) })
                #expect(byName.keys.sorted() == ["DiskFull", "HighLatency"])
                let latency = try #require(byName["HighLatency"])
                #expect(latency["labels"] as? [String: String] == ["alertname": "HighLatency", "service": "checkout"])
                #expect((latency["startsAt"] as? String)?.hasSuffix("Z") == true)
                #expect(
                    latency["fingerprint"] as? String
                        == AlertFingerprint(Labels(["alertname": "HighLatency", "service": "checkout"])).hex)
                #expect((latency["receivers"] as? [[String: String]])?.map { $0["name"] } == ["checkout-team"])
                #expect((latency["status"] as? [String: Any])?["state"] as? String == "active")

                // amtool 0.25 reads Steady as it reads Alertmanager.
                let amtool = try await Self.run(
                    "/usr/bin/amtool", ["alert", "query", "-o", "json", "--alertmanager.url=\(base)"])
                #expect(amtool.status == 0, "amtool failed: \(amtool.errors)")
                let queried = try #require(
                    try JSONSerialization.jsonObject(with: Data(amtool.output.utf8)) as? [[String: Any]])
                #expect(
                    Set(queried.compactMap { ($0["labels"] as? [String: String])?["alertname"] }) == [
                        "DiskFull", "HighLatency",
                    ])
                let filtered = try await Self.run(
                    "/usr/bin/amtool",
                    ["alert", "query", "-o", "json", "--alertmanager.url=\(base)", "service=checkout"])
                let filteredAlerts = try #require(
                    try JSONSerialization.jsonObject(with: Data(filtered.output.utf8)) as? [[String: Any]])
                #expect(filteredAlerts.count == 1)

                if round == 0 {
                    // PagerDuty Events v2: the routing key is a Steady token.
                    let trigger = """
                        {"routing_key": "\(Self.token)", "event_action": "trigger", "dedup_key": "db-1-disk",
                         "payload": {"summary": "Disk full", "source": "db-1", "severity": "critical",
                                     "custom_details": {"free": "1%"}}}
                        """
                    let triggered = try await Self.send(client, .POST, "\(base)/v2/enqueue", body: trigger, token: nil)
                    #expect(triggered.status == 202)
                    #expect(triggered.body.contains(#""dedup_key":"db-1-disk""#))
                    let wrongKey = try await Self.send(
                        client, .POST, "\(base)/v2/enqueue",
                        body: trigger.replacingOccurrences(of: Self.token, with: "not-a-token"), token: nil)
                    #expect(wrongKey.status == 401)
                    let invalid = try await Self.send(
                        client, .POST, "\(base)/v2/enqueue",
                        body: #"{"routing_key": "\#(Self.token)", "event_action": "trigger", "payload": {}}"#,
                        token: nil)
                    #expect(invalid.status == 400)
                    #expect(invalid.body.contains("'payload.summary' is missing or blank"))
                    let pagerAlerts = try await Self.send(
                        client, .GET, "\(base)/api/v2/alerts?filter=alertname%3DPagerDutyEvent", body: nil, token: nil)
                    #expect(pagerAlerts.body.contains(#""dedup_key":"db-1-disk""#))
                    let resolve =
                        #"{"routing_key": "\#(Self.token)", "event_action": "resolve", "dedup_key": "db-1-disk"}"#
                    let resolved = try await Self.send(client, .POST, "\(base)/v2/enqueue", body: resolve, token: nil)
                    #expect(resolved.status == 202)
                    let afterResolve = try await Self.send(
                        client, .GET, "\(base)/api/v2/alerts?filter=alertname%3DPagerDutyEvent", body: nil, token: nil)
                    #expect(afterResolve.body == "[]")
                }
            }
        }
    }

    /// A batch over `alertsOnLoopLimit` (256 KiB) is decoded and ingested off the event loop; it is accepted whole,
    /// and a small batch on another connection at the same time is too.
    @Test("a large POST /api/v2/alerts is ingested whole")
    func largeBatch() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-am-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "alert-intake-live")
        logger.logLevel = .critical
        let yaml = """
            storage: { sqlite: { path: \(directory.path)/steady.db } }
            server: { listen: 127.0.0.1:0 }
            auth: { anonymous_read: true, tokens: [{ name: prometheus, role: responder, secret: \(Self.token) }] }
            route: { receiver: ops, group_by: [alertname] }
            receivers: [{ name: ops }]
            """
        let configuration = try ConfigLoader().parse(yaml: yaml, file: "steady.yml").configuration
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        try await Self.withServer(configuration, logger: logger) { live in
            let base = live.base
            let padding = String(repeating: "x", count: 300)
            let large =
                "["
                + (0..<1_000).map {
                    #"{"labels": {"alertname": "Bulk", "i": "\#($0)"}, "annotations": {"p": "\#(padding)"}}"#
                }
                .joined(separator: ",") + "]"
            #expect(large.utf8.count > 256 << 10)
            async let small = Self.send(
                client, .POST, "\(base)/api/v2/alerts", body: #"[{"labels": {"alertname": "Small"}}]"#,
                token: Self.token)
            let posted = try await Self.send(client, .POST, "\(base)/api/v2/alerts", body: large, token: Self.token)
            #expect(posted.status == 200, "\(posted.body)")
            #expect(try await small.status == 200)
            let listed = try await Self.send(client, .GET, "\(base)/api/v2/alerts", body: nil, token: nil)
            let alerts = try #require(
                try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [[String: Any]])
            let names = alerts.compactMap { ($0["labels"] as? [String: String])?["alertname"] }
            #expect(names.filter { $0 == "Bulk" }.count == 1_000)
            #expect(names.contains("Small"))
        }
    }

    /// A Steady started by ``withServer(_:logger:_:)``.
    struct LiveSteady {
        let server: SteadyServer
        let port: Int
        var base: String { "http://127.0.0.1:\(port)" }
    }

    /// Runs Steady for `configuration` on a loopback port, calls `body` with it, then shuts it down.
    static func withServer(
        _ configuration: SteadyConfiguration, logger: Logger, _ body: (LiveSteady) async throws -> Void
    ) async throws {
        let ports = AsyncStream.makeStream(of: Int.self)
        var options = ServerOptions()
        options.onListening = { ports.continuation.yield($0) }
        let server = try await SteadyServer.make(configuration: configuration, options: options, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(LiveSteady(server: server, port: port))
            await server.shutdown()
            group.cancelAll()
        }
    }

    static func send(
        _ client: HTTPClient, _ method: HTTPMethod, _ url: String, body: String?, token: String?
    ) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (response.status.code, String(buffer: bytes))
    }

    /// Runs a tool; `output` is its stdout, `errors` its stderr (amtool warns there that versions differ). The
    /// blocking reads and wait happen on a dispatch queue: blocking Swift's cooperative pool (two threads here) would
    /// starve the in-process server the tool is talking to.
    static func run(
        _ executable: String, _ arguments: [String]
    ) async throws -> (
        status: Int32, output: String, errors: String
    ) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    let out = Pipe()
                    let err = Pipe()
                    process.standardOutput = out
                    process.standardError = err
                    try process.run()
                    let data = out.fileHandleForReading.readDataToEndOfFile()
                    let errors = err.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(
                        returning: (
                            process.terminationStatus, String(decoding: data, as: UTF8.self),
                            String(decoding: errors, as: UTF8.self)
                        ))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
