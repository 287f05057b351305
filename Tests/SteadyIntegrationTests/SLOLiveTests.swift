import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import SteadyConfig
import SteadyModel
import SteadyStorage
import Synchronization
import Testing

@testable import SteadyServer

/// A scrape target whose counters advance by a fixed amount on every scrape.
final class CountingTarget: Sendable {
    private struct State {
        var total = 0
        var errors = 0
        var errorsPerScrape = 0
        var scrapes = 0
    }

    private let state = Mutex(State())
    let requestsPerScrape = 100

    func setErrorsPerScrape(_ errors: Int) { state.withLock { $0.errorsPerScrape = errors } }

    /// Counter values served so far, and how many scrapes saw them.
    var served: (total: Int, errors: Int, scrapes: Int) {
        state.withLock { ($0.total, $0.errors, $0.scrapes) }
    }

    func exposition() -> String {
        let (total, errors) = state.withLock { state in
            state.total += requestsPerScrape
            state.errors += state.errorsPerScrape
            state.scrapes += 1
            return (state.total, state.errors)
        }
        return """
            # TYPE app_requests_total counter
            app_requests_total{code="200"} \(total - errors)
            app_requests_total{code="500"} \(errors)

            """
    }

    func application(port: Int = 0, onListening: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ in self.exposition() }
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) })
    }
}

/// The SLO engine fed by real scrapes over loopback: an outage pages, the alert is written to the event log, counts
/// are exact, and a restart reloads the history and keeps the alert without announcing it twice.
@Suite("SLOs live", .timeLimit(.minutes(3)))
struct SLOLiveTests {
    @Test("an outage pages through real scrapes; history and alert survive a restart")
    func outagePagesAndSurvivesRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-slo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = CountingTarget()
        let port = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "slo-live")
        logger.logLevel = .critical

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await target.application { port.continuation.yield($0) }.runService()
            }
            defer { group.cancelAll() }
            var ports = port.stream.makeAsyncIterator()
            let targetPort = try #require(await ports.next())
            // A 1-day period with a fast page tier (5m/1m windows): a full outage fires on the first bad scrape.
            let yaml = """
                storage: { sqlite: { path: \(directory.path)/steady.db } }
                server: { listen: 127.0.0.1:0 }
                services:
                  - name: api
                    scrape: { targets: ["127.0.0.1:\(targetPort)"], interval: 1s }
                    slos:
                      - name: availability
                        objective: 99
                        period: 1d
                        sli:
                          ratio:
                            errors: 'app_requests_total{code=~"5.."}'
                            total: app_requests_total
                        alerting:
                          page: { windows: [{ long: 5m, short: 1m, budget: 2% }] }
                          ticket: false
                          no_data: false
                          budget_exhausted: false
                """
            let configuration = try ConfigLoader().parse(yaml: yaml, file: "steady.yml").configuration

            // 1. Healthy traffic, then an outage.
            let first = try await SteadyServer.make(configuration: configuration, logger: logger)
            group.addTask { try await first.run() }
            let healthy = try await poll {
                await first.sloStatuses().first.flatMap { $0.goodEventsCount >= 300 ? $0 : nil }
            }
            #expect(healthy.alerts.isEmpty)
            #expect(healthy.badEventsCount == 0)
            target.setErrorsPerScrape(100)
            let paging = try await poll {
                await first.sloStatuses().first.flatMap { $0.alerts.isEmpty ? nil : $0 }
            }
            #expect(
                paging.alerts.map(\.labels) == [
                    [
                        "alertname": "SLOErrorBudgetBurn", "service": "api", "slo": "availability",
                        "severity": "critical",
                        "tier": "page",
                    ]
                ])
            // The page entered the alert pipeline (routing, silences, notifications) as a firing alert.
            let piped = await first.alertPipeline.allAlerts().filter { $0.name == "SLOErrorBudgetBurn" }
            #expect(piped.map { $0.labels["tier"] } == ["page"])
            #expect(piped.allSatisfy { !$0.isResolved(at: SystemWallClock().now) })
            await first.shutdown()
            try await Task.sleep(for: .milliseconds(300))

            // 2. Exact counts: every scrape after the first (the baseline) is in the buckets.
            let served = target.served
            let store = try await SQLStore.openSQLite(path: "\(directory.path)/steady.db", logger: logger)
            let buckets = try await store.sliBuckets(
                from: WallInstant(nanosecondsSinceEpoch: 0), to: SystemWallClock().now.advanced(by: .seconds(120)))
            let total = buckets.reduce(0) { $0 + $1.total }
            let bad = buckets.reduce(0) { $0 + $1.bad }
            // Scrapes may continue for a moment after the last status read, but never beyond what was served.
            #expect(total <= Double(served.total - 100) && total >= 400)
            #expect(bad > 0 && bad <= Double(served.errors))
            #expect(total.truncatingRemainder(dividingBy: 100) == 0)
            let firing = try await store.events(EventQuery(kind: "slo.alert."))
            #expect(firing.map(\.kind) == ["slo.alert.firing"])
            try await store.close()

            // 3. Restart on the same database: the history is back and the alert is restored, not re-announced.
            let second = try await SteadyServer.make(configuration: configuration, logger: logger)
            group.addTask { try await second.run() }
            let restored = try await poll {
                await second.sloStatuses().first.flatMap { $0.goodEventsCount + $0.badEventsCount >= total ? $0 : nil }
            }
            #expect(restored.alerts.first?.startsAt == paging.alerts.first?.startsAt)
            let events = try await second.store.events(EventQuery(kind: "slo.alert."))
            #expect(events.map(\.kind) == ["slo.alert.firing"])
            await second.shutdown()
        }
    }

    /// Polls `probe` every 100 ms for up to 30 s.
    func poll<T: Sendable>(_ probe: @Sendable () async -> T?) async throws -> T {
        for _ in 0..<300 {
            if let value = await probe() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("condition not met within 30 s")
        throw CancellationError()
    }
}
