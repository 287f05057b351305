import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SteadyConfig
import SteadyModel
import Testing

@testable import SteadyServer

/// Availability SLIs read probe runs: a probe of Steady's own health endpoint counts good events, a probe of a closed
/// port bad ones, and both reach the SLO engine of a live Steady.
@Suite("Probe availability SLOs", .timeLimit(.minutes(2)))
struct ProbeAvailabilityTests {
    @Test("probe runs become good and bad events of availability SLOs")
    func probesFeedAvailabilitySLOs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-pa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "probe-availability")
        logger.logLevel = .critical
        let port = try #require(FreePort.find())
        let closed = try #require(FreePort.find())
        let configuration = try ConfigLoader(environment: [:]).parse(
            yaml: """
                storage: { sqlite: { path: \(directory.path)/steady.db } }
                server: { listen: 127.0.0.1:\(port) }
                auth: { anonymous_read: true }
                services:
                  - name: shop
                    slos:
                      - { name: home-up, objective: 99, sli: { availability: { probe: home } } }
                      - { name: db-up, objective: 99, sli: { availability: { probe: db } } }
                probes:
                  - { name: home, service: shop, http: { url: "http://127.0.0.1:\(port)/-/healthy" }, interval: 1s }
                  - { name: db, tcp: "127.0.0.1:\(closed)", interval: 1s, timeout: 500ms }
                """, file: "steady.yml"
        ).configuration
        var options = ServerOptions()
        options.sloEvaluationInterval = .seconds(1)
        let server = try await SteadyServer.make(configuration: configuration, options: options, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            func status(_ name: String) async -> SLOStatus? {
                await server.sloStatuses().first { $0.name == name }
            }
            for _ in 0..<200 {
                let home = await status("home-up")
                let db = await status("db-up")
                if (home?.goodEventsCount ?? 0) >= 2, (db?.badEventsCount ?? 0) >= 2 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let home = try #require(await status("home-up"))
            let db = try #require(await status("db-up"))
            #expect(home.goodEventsCount >= 2 && home.badEventsCount == 0, "\(home)")
            #expect(db.badEventsCount >= 2 && db.goodEventsCount == 0, "\(db)")
            #expect(home.problems.isEmpty && db.problems.isEmpty)
            await server.shutdown()
        }
    }
}
