import SteadyModel
import SteadyProbes
import Testing

@Suite struct WatchdogTests {
    @Test func pingsTheReceiverEveryInterval() async throws {
        let server = LoopbackServer()
        let clock = ManualWallClock(now: .at("2026-05-01T12:00:00Z"))
        let results = Collector<WatchdogService.Result>()
        try await server.run { port in
            let watchdog = WatchdogService(
                spec: WatchdogSpec(url: "http://127.0.0.1:\(port)/ping/steady", interval: .seconds(60)), clock: clock,
                onResult: { results.append($0) })
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await watchdog.run() }
                #expect(await eventually { clock.sleeperCount == 1 && results.count == 1 })
                await clock.advance(by: .seconds(60))
                #expect(await eventually { clock.sleeperCount == 1 && results.count == 2 })
                group.cancelAll()
            }
        }
        #expect(server.received == ["GET /ping/steady", "GET /ping/steady"])
        #expect(results.all.map(\.success) == [true, true])
        #expect(results.all.map(\.at) == [.at("2026-05-01T12:00:00Z"), .at("2026-05-01T12:01:00Z")])
    }

    @Test func reportsAnUnreachableReceiver() async throws {
        let closed = try await closedPort()
        let watchdog = WatchdogService(
            spec: WatchdogSpec(url: "http://127.0.0.1:\(closed)/ping/steady", timeout: .seconds(2), method: "POST"),
            clock: ManualWallClock())
        let result = try #require(await watchdog.pingOnce())
        #expect(!result.success)
        #expect(result.statusCode == nil)
    }

    @Test func reloadsPausesAndResumes() async throws {
        let server = LoopbackServer()
        let clock = ManualWallClock(now: .at("2026-05-01T12:00:00Z"))
        let results = Collector<WatchdogService.Result>()
        try await server.run { port in
            let watchdog = WatchdogService(spec: nil, clock: clock, onResult: { results.append($0) })
            let first = WatchdogSpec(url: "http://127.0.0.1:\(port)/ping/first", interval: .seconds(60))
            let second = WatchdogSpec(url: "http://127.0.0.1:\(port)/ping/second", interval: .seconds(60))
            #expect(await watchdog.pingOnce() == nil)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await watchdog.run() }
                // Appears: pinged at once.
                watchdog.replace(spec: first)
                #expect(await eventually { clock.sleeperCount == 1 && results.count == 1 })
                // The same spec again changes nothing.
                watchdog.replace(spec: first)
                // Changes: the new URL is pinged at once, then on its own schedule.
                await clock.advance(by: .seconds(20))
                watchdog.replace(spec: second)
                #expect(await eventually { clock.sleeperCount == 1 && results.count == 2 })
                await clock.advance(by: .seconds(60))
                #expect(await eventually { clock.sleeperCount == 1 && results.count == 3 })
                // Disappears: no more pings.
                watchdog.replace(spec: nil)
                #expect(await eventually { clock.sleeperCount == 0 })
                await clock.advance(by: .seconds(120))
                #expect(results.count == 3)
                group.cancelAll()
            }
        }
        #expect(server.received == ["GET /ping/first", "GET /ping/second", "GET /ping/second"])
        #expect(
            results.all.map(\.at) == [
                .at("2026-05-01T12:00:00Z"), .at("2026-05-01T12:00:20Z"), .at("2026-05-01T12:01:20Z"),
            ])
    }
}
