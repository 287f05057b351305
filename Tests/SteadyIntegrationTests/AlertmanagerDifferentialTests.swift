import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import SteadyConfig
import SteadyModel
import Synchronization
import Testing

@testable import SteadyServer

/// Collects webhook bodies by path.
final class WebhookSink: Sendable {
    private let bodies = Mutex<[String: [Data]]>([:])

    func received(_ path: String) -> [Data] { bodies.withLock { $0[path] ?? [] } }

    func application(onListening: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.post("/:receiver") { request, context -> HTTPResponse.Status in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let name = context.parameters.get("receiver") ?? ""
            self.bodies.withLock { $0[name, default: []].append(Data(buffer.readableBytesView)) }
            return .ok
        }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) })
    }
}

/// Real Prometheus 2.42 sends the same firing rule to Steady and to a real Alertmanager 0.25 configured with the same
/// route and a webhook receiver; the two webhook bodies must agree field by field (apart from `externalURL`).
@Suite("Alertmanager differential", .timeLimit(.minutes(3)))
struct AlertmanagerDifferentialTests {
    @Test("Steady and Alertmanager 0.25 deliver the same webhook body for the same Prometheus alert")
    func webhookBodiesAgree() async throws {
        for binary in ["/usr/bin/prometheus", "/usr/bin/prometheus-alertmanager"] {
            try #require(
                FileManager.default.isExecutableFile(atPath: binary),
                "\(binary) is missing: scripts/install-test-deps.sh installs the Debian packages")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "am-differential")
        logger.logLevel = .critical
        let token = "differential-test-token-0123456789"
        let sink = WebhookSink()

        try await withThrowingTaskGroup(of: Void.self) { group in
            let sinkPorts = AsyncStream.makeStream(of: Int.self)
            group.addTask { try await sink.application { sinkPorts.continuation.yield($0) }.runService() }
            var sinkIterator = sinkPorts.stream.makeAsyncIterator()
            let sinkPort = try #require(await sinkIterator.next())

            // The same routing and receiver for both, except the sink path.
            func alerting(_ path: String) -> String {
                """
                route:
                  receiver: team
                  group_by: [alertname, service]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: team
                    webhook_configs:
                      - url: http://127.0.0.1:\(sinkPort)/\(path)
                        send_resolved: true

                """
            }
            let configuration = try ConfigLoader().parse(
                yaml: """
                    storage: { sqlite: { path: \(directory.path)/steady.db } }
                    server: { listen: 127.0.0.1:0 }
                    auth: { tokens: [{ name: prometheus, role: responder, secret: \(token) }] }
                    """ + "\n" + alerting("steady"), file: "steady.yml"
            ).configuration
            let ports = AsyncStream.makeStream(of: Int.self)
            var options = ServerOptions()
            options.onListening = { ports.continuation.yield($0) }
            let server = try await SteadyServer.make(configuration: configuration, options: options, logger: logger)
            group.addTask { try await server.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let steadyPort = try #require(await iterator.next())

            let alertmanagerPort = try #require(FreePort.find())
            try alerting("alertmanager").write(
                to: directory.appendingPathComponent("alertmanager.yml"), atomically: true, encoding: .utf8)
            let alertmanager = try Self.launch(
                "/usr/bin/prometheus-alertmanager",
                [
                    "--config.file=\(directory.path)/alertmanager.yml", "--storage.path=\(directory.path)/am",
                    "--web.listen-address=127.0.0.1:\(alertmanagerPort)", "--cluster.listen-address=",
                ])
            defer { Self.stop(alertmanager) }

            let prometheusPort = try #require(FreePort.find())
            try """
            groups:
              - name: differential
                interval: 1s
                rules:
                  - alert: CheckoutErrors
                    expr: vector(1)
                    labels: { severity: page, service: checkout }
                    annotations: { summary: "checkout errors", description: "error ratio above 5%" }
            """.write(to: directory.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
            try """
            global: { evaluation_interval: 1s, external_labels: { cluster: ci } }
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - api_version: v2
                  authorization: { credentials: \(token) }
                  static_configs: [{ targets: ["127.0.0.1:\(steadyPort)"] }]
                - api_version: v2
                  static_configs: [{ targets: ["127.0.0.1:\(alertmanagerPort)"] }]
            """.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
            let prometheus = try Self.launch(
                "/usr/bin/prometheus",
                [
                    "--config.file=\(directory.path)/prometheus.yml", "--storage.tsdb.path=\(directory.path)/tsdb",
                    "--web.listen-address=127.0.0.1:\(prometheusPort)", "--rules.alert.resend-delay=1s",
                ])
            defer { Self.stop(prometheus) }

            for _ in 0..<300 where sink.received("steady").isEmpty || sink.received("alertmanager").isEmpty {
                try await Task.sleep(for: .milliseconds(100))
            }
            let steadyBody = try #require(sink.received("steady").first, "Steady sent no webhook within 30 s")
            let alertmanagerBody = try #require(
                sink.received("alertmanager").first, "Alertmanager sent no webhook within 30 s")
            var steady = try #require(try JSONSerialization.jsonObject(with: steadyBody) as? [String: Any])
            var reference = try #require(try JSONSerialization.jsonObject(with: alertmanagerBody) as? [String: Any])
            // The only field that must differ: where each is reachable.
            #expect(steady.removeValue(forKey: "externalURL") as? String == "http://127.0.0.1:\(steadyPort)")
            reference.removeValue(forKey: "externalURL")
            #expect(
                NSDictionary(dictionary: steady).isEqual(to: reference),
                "webhook bodies differ:\nsteady:       \(String(decoding: steadyBody, as: UTF8.self))\nalertmanager: \(String(decoding: alertmanagerBody, as: UTF8.self))"
            )
            // Same keys in the same order as Alertmanager's encoder (byte-level shape).
            #expect(Self.keyOrder(steadyBody) == Self.keyOrder(alertmanagerBody))
            await server.shutdown()
            group.cancelAll()
        }
    }

    static func keyOrder(_ body: Data) -> [String] {
        let text = String(decoding: body, as: UTF8.self)
        let pattern = try! Regex(#""([A-Za-z]+)":"#)
        return text.matches(of: pattern).map { String(text[$0.range]) }
            .filter {
                !["alertname", "service", "severity", "summary", "description", "cluster"].contains(
                    $0.dropFirst().dropLast(2))
            }
    }

    static func launch(_ executable: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func stop(_ process: Process) {
        process.terminate()
        process.waitUntilExit()
    }
}
