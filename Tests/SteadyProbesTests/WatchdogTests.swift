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
        let result = await watchdog.pingOnce()
        #expect(!result.success)
        #expect(result.statusCode == nil)
    }
}
