import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SteadyConfig
import SteadyDemoService
import SteadyModel
import SteadyServer
import Testing

/// Reload keeps state: a valid file swaps services and targets in place; a broken one changes nothing.
@Suite("Reload", .timeLimit(.minutes(2)))
struct ReloadTests {
    @Test("reload applies a new target set, and a broken file keeps the running config")
    func reloadKeepsOrReplaces() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("steady.yml")
        func config(targets: [String], extra: String = "") -> String {
            """
            storage:
              sqlite:
                path: \(directory.path)/steady.db
            server:
              listen: 127.0.0.1:0
            services:
              - name: api
                scrape:
                  targets: [\(targets.map { "\"\($0)\"" }.joined(separator: ", "))]
                  interval: 1s
            \(extra)
            """
        }
        try config(targets: ["127.0.0.1:1"]).write(to: file, atomically: true, encoding: .utf8)
        let loaded = try ConfigLoader().load(path: file.path)
        var logger = Logger(label: "reload")
        logger.logLevel = .critical
        let server = try await SteadyServer.make(
            configuration: loaded.configuration, options: ServerOptions(configPath: file.path), logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            #expect(server.targetHealth().map(\.url) == ["http://127.0.0.1:1/metrics"])

            try config(targets: ["127.0.0.1:1", "127.0.0.1:2"]).write(to: file, atomically: true, encoding: .utf8)
            let message = try await server.reload()
            #expect(message.contains("1 services"))
            #expect(
                server.targetHealth().map(\.url).sorted() == [
                    "http://127.0.0.1:1/metrics", "http://127.0.0.1:2/metrics",
                ])

            try config(targets: ["127.0.0.1:3"], extra: "bogus_key: 1").write(
                to: file, atomically: true, encoding: .utf8)
            await #expect(throws: ConfigError.self) { try await server.reload() }
            #expect(server.targetHealth().count == 2)

            let events = try await server.store.events(EventQuery(kind: "config."))
            #expect(events.map(\.kind) == ["config.reload_failed", "config.reloaded"])
            await server.shutdown()
        }
    }

    @Test("reload adds a probe and the watchdog without a restart")
    func reloadAddsAProbe() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steady-reload-probes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("steady.yml")
        func config(_ extra: String = "") -> String {
            """
            storage:
              sqlite:
                path: \(directory.path)/steady.db
            server:
              listen: 127.0.0.1:0
            auth:
              anonymous_read: true
            services:
              - name: api
            \(extra)
            """
        }
        try config().write(to: file, atomically: true, encoding: .utf8)
        let loaded = try ConfigLoader().load(path: file.path)
        var logger = Logger(label: "reload")
        logger.logLevel = .critical
        let ports = AsyncStream.makeStream(of: Int.self)
        var options = ServerOptions(configPath: file.path)
        options.onListening = { ports.continuation.yield($0) }
        let server = try await SteadyServer.make(
            configuration: loaded.configuration, options: options, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = try #require(await iterator.next())
            func probes() async throws -> [[String: Any]] {
                let response = try await HTTPClient.shared.execute(
                    HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/probes"), timeout: .seconds(5))
                #expect(response.status == .ok)
                let body = try await response.body.collect(upTo: 1 << 20)
                let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
                return try #require(object?["probes"] as? [[String: Any]])
            }
            #expect(try await probes().isEmpty)

            try config(
                """
                probes:
                  - name: self
                    http: { url: "http://127.0.0.1:\(port)/-/healthy" }
                    interval: 1h
                watchdog:
                  url: http://127.0.0.1:\(port)/-/healthy
                  interval: 1h
                """
            ).write(to: file, atomically: true, encoding: .utf8)
            try await server.reload()
            let listed = try await probes()
            #expect(listed.map { $0["name"] as? String } == ["self"])
            #expect(listed.first?["target"] as? String == "http://127.0.0.1:\(port)/-/healthy")
            #expect(server.configuration.watchdog?.interval == .seconds(3600))

            // And removed again.
            try config().write(to: file, atomically: true, encoding: .utf8)
            try await server.reload()
            #expect(try await probes().isEmpty)
            await server.shutdown()
        }
    }
}
