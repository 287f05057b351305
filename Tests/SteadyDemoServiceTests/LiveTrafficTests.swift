import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import SteadyDemoService
import Testing

@Suite("Live traffic")
struct LiveTrafficTests {
    @Test("The traffic generator's counts equal the service's http_requests_total exactly")
    func generatorMatchesMetrics() async throws {
        let service = DemoService(
            configuration: DemoServiceConfiguration(port: 0, adminToken: TestSupport.adminToken, seed: 3),
            logger: TestSupport.logger
        )
        try await service.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let generator = try TrafficGenerator(
                configuration: TrafficGeneratorConfiguration(
                    baseURL: "http://localhost:\(port)",
                    requestsPerSecond: 1_000,
                    maxRequests: 150,
                    seed: 21
                ),
                logger: TestSupport.logger
            )
            let faults = try await generator.setFaults(
                FaultRequest(errorRatio: 0.2), adminToken: TestSupport.adminToken)
            #expect(faults.active)
            #expect(faults.errorRatio == 0.2)

            try await generator.run()
            let stats = generator.stats()
            #expect(stats.sent == 150)
            #expect(stats.failures == 0)
            #expect(stats.responses == 150)
            #expect(stats.byStatus.values.reduce(0, +) == 150)
            #expect(stats.byRoute.values.reduce(0, +) == 150)
            #expect(stats.byStatus[500, default: 0] > 0)
            #expect(stats.byStatus[404, default: 0] > 0)
            #expect(stats.byStatus[200, default: 0] > 0)

            let cleared = try await generator.clearFaults(adminToken: TestSupport.adminToken)
            #expect(!cleared.active)

            let metrics = try await TestSupport.metrics(client)
            var expected: [String: Int] = [:]
            for (series, count) in stats.bySeries {
                expected["\(series.method) \(series.route) \(series.code)"] = count
            }
            #expect(metrics.requestCounts == expected)
            // The latency histogram has the same series as the counter: method, route and code.
            for (series, count) in stats.bySeries {
                let key = "\(series.method) \(series.route) \(series.code)"
                let observed = metrics.value(
                    "http_request_duration_seconds_count",
                    ["method": series.method, "route": series.route, "code": "\(series.code)"])
                #expect(observed == Double(count), "\(key)")
            }
            #expect(metrics.value("http_requests_in_flight") == 0)
        }
    }

    @Test("run() binds port 0, reports it, serves, and stops on graceful shutdown")
    func runsInServiceGroup() async throws {
        let service = DemoService(configuration: DemoServiceConfiguration(port: 0), logger: TestSupport.logger)
        let group = ServiceGroup(configuration: .init(services: [service], logger: TestSupport.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = try #require(await service.boundPort())
            #expect(port > 0)
            let generator = try TrafficGenerator(
                configuration: .init(baseURL: "http://127.0.0.1:\(port)", requestsPerSecond: 1_000, maxRequests: 5),
                logger: TestSupport.logger
            )
            try await generator.run()
            #expect(generator.stats().responses == 5)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
