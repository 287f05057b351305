import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SteadyDemoService
import SteadyModel
@testable import SteadyServer
import Testing

/// `steady demo --with-prometheus`: a real Prometheus scrapes the demo service, its error-rate rule fires when the
/// service fails, it sends the alert to Steady's Alertmanager API, and Steady pages the demo's webhook receiver —
/// the "Prometheus pointed at Steady pages a webhook receiver end to end in the demo".
@Suite("Demo alerting end to end", .timeLimit(.minutes(3)))
struct DemoAlertingTests {
    @Test("a failing demo service pages the demo pager through Prometheus and Steady")
    func prometheusPagesThroughSteady() async throws {
        let prometheus = "/usr/bin/prometheus"
        try #require(
            FileManager.default.isExecutableFile(atPath: prometheus),
            "\(prometheus) is missing: scripts/install-test-deps.sh installs the Debian package")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-demo-am-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "demo-alerting")
        logger.logLevel = .warning
        let runner = try await DemoRunner.make(
            options: DemoOptions(
                port: 0, servicePort: 0, dataDirectory: directory.path, scrapeInterval: .seconds(1),
                requestsPerSecond: 30, backfillDays: 0, handleSignals: false, prometheusPath: prometheus),
            logger: logger)
        let ready = AsyncStream.makeStream(of: DemoInfo.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await runner.run { info in ready.continuation.yield(info) } }
            defer { group.cancelAll() }
            var iterator = ready.stream.makeAsyncIterator()
            let info = try #require(await iterator.next())
            #expect(info.prometheusURL != nil)

            _ = try await runner.traffic.setFaults(
                FaultRequest(errorRatio: 0.5, ttlSeconds: 120), adminToken: info.faultToken)
            var page: DemoPage?
            for _ in 0..<900 where page == nil {
                try await Task.sleep(for: .milliseconds(100))
                page = runner.pages().first {
                    $0.status == "firing" && $0.alertNames.contains(DemoPrometheus.alertName)
                }
            }
            let firing = try #require(page, "no page for \(DemoPrometheus.alertName) within 90 s")
            #expect(firing.labels["service"] == "checkout")
            #expect(firing.labels["severity"] == "page")

            // Steady's history shows the delivered notification to the demo pager.
            var request = HTTPClientRequest(url: info.steadyURL + "/api/v1/notifications?receiver=demo-pager")
            request.method = .GET
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 22)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
            let notifications = try #require(json["notifications"] as? [[String: Any]])
            #expect(notifications.contains { $0["state"] as? String == "delivered" })
            await runner.shutdown()
        }
    }
}
