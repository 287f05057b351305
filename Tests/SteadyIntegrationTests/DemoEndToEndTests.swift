import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SteadyDemoService
import SteadyModel
import SteadyServer
import Testing

/// `steady demo` in-process over loopback: the golden signals Steady computes from scraping the demo service must
/// equal exactly what the traffic generator sent and received.
@Suite("Demo end to end", .timeLimit(.minutes(3)))
struct DemoEndToEndTests {
    @Test("golden signals match the traffic generator's own counts")
    func signalsMatchTraffic() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let requestCount = 120
        var logger = Logger(label: "e2e")
        logger.logLevel = .warning
        let runner = try await DemoRunner.make(
            options: DemoOptions(
                port: 0, servicePort: 0, dataDirectory: directory.path, scrapeInterval: .seconds(1),
                requestsPerSecond: 40, backfillDays: 1, handleSignals: false, maxRequests: requestCount),
            logger: logger)
        let ready = AsyncStream.makeStream(of: DemoInfo.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await runner.run { info in ready.continuation.yield(info) }
            }
            defer { group.cancelAll() }
            var iterator = ready.stream.makeAsyncIterator()
            let info = try #require(await iterator.next())
            // A fault makes part of the traffic fail with 500s, so the error signal is exercised too.
            _ = try await runner.traffic.setFaults(
                FaultRequest(errorRatio: 0.25, ttlSeconds: 120), adminToken: info.faultToken)

            // Wait (bounded) for the generator to finish its requests, then for two more scrapes to pick them up.
            var stats = runner.traffic.stats()
            for _ in 0..<600 where stats.responses + stats.failures < requestCount {
                try await Task.sleep(for: .milliseconds(100))
                stats = runner.traffic.stats()
            }
            #expect(stats.responses == requestCount)
            #expect(stats.failures == 0)
            try await Task.sleep(for: .seconds(3))

            let end = SystemWallClock().now.advanced(by: .seconds(60))
            let series = try await runner.server.signals(
                service: "checkout", start: info.liveSince.minuteFloor, end: end, step: .seconds(3600))
            let requests = series.reduce(0) { $0 + $1.requests }
            let errors = series.reduce(0) { $0 + $1.errors }
            let expectedErrors = stats.byStatus.filter { $0.key >= 500 }.reduce(0) { $0 + $1.value }
            #expect(Int(requests) == stats.responses)
            #expect(Int(errors) == expectedErrors)
            #expect(expectedErrors > 0)

            // The same through the HTTP API, as a user would ask for it.
            let url = "\(info.steadyURL)/api/v1/services/checkout"
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
            #expect(response.status.code == 200)
            let body = try await response.body.collect(upTo: 1 << 20)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
            #expect(object["name"] as? String == "checkout")

            // The SLOs count the same events: exact, from raw counter increases.
            let buckets = try await runner.server.store.sliBuckets(
                slo: "checkout/availability", from: info.liveSince.minuteFloor, to: end)
            #expect(Int(buckets.reduce(0) { $0 + $1.total }) == stats.responses)
            #expect(Int(buckets.reduce(0) { $0 + $1.bad }) == expectedErrors)
            let latency = try await runner.server.store.sliBuckets(
                slo: "checkout/latency", from: info.liveSince.minuteFloor, to: end)
            #expect(Int(latency.reduce(0) { $0 + $1.total }) == stats.responses)
            let statuses = await runner.server.sloStatuses()
            #expect(statuses.map(\.slo) == ["checkout/availability", "checkout/latency"])
            // One day of backfill plus the live minutes: the period holds more than the live traffic.
            let availability = try #require(statuses.first)
            #expect(availability.goodEventsCount + availability.badEventsCount > Double(stats.responses))
            #expect(availability.problems.isEmpty)

            let targets = runner.server.targetHealth()
            #expect(targets.count == 1)
            #expect(targets.first?.health == .up)
            await runner.shutdown()
        }
    }
}
