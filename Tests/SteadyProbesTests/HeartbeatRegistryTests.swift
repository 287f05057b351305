import Foundation
import SteadyModel
import SteadyProbes
import Testing

@Suite struct HeartbeatRegistryTests {
    static let uuid = "5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11"
    static let spec = HeartbeatSpec(name: "backup", uuid: uuid, schedule: .period(.seconds(3600)), grace: .seconds(600))

    @Test func unknownUUIDsAreNotFoundAndPingsAreStoredBeforeTheyAreAcknowledged() async throws {
        let store = MemorySettingStore()
        let clock = ManualWallClock(now: .at("2026-03-02T10:00:00Z"))
        let registry = HeartbeatRegistry(heartbeats: [Self.spec], store: store, clock: clock)
        #expect(
            try await registry.ping(HeartbeatPing(uuid: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", kind: .success))
                == false)
        #expect(store.keys.isEmpty)
        #expect(try await registry.ping(HeartbeatPing(uuid: Self.uuid.uppercased(), kind: .success, body: "ok")))
        #expect(store.keys == ["heartbeat.\(Self.uuid).last_ping"])
        let stored = try #require(try await store.setting(HeartbeatRegistry.settingKey(uuid: Self.uuid)))
        let record = try JSONDecoder().decode(HeartbeatRecord.self, from: Data(stored.utf8))
        #expect(record.lastSuccess == clock.now)
        #expect(registry.statuses().map(\.state) == [.up])
        #expect(registry.statuses().first?.lastMessage == "ok")
        store.failWrites(true)
        await #expect(throws: (any Error).self) {
            try await registry.ping(HeartbeatPing(uuid: Self.uuid, kind: .success))
        }
    }

    /// A job that stops while Steady is down must still page after the restart.
    @Test func lastPingSurvivesARestart() async throws {
        let store = MemorySettingStore()
        let clock = ManualWallClock(now: .at("2026-03-02T10:00:00Z"))
        let first = HeartbeatRegistry(heartbeats: [Self.spec], store: store, clock: clock)
        try await first.ping(HeartbeatPing(uuid: Self.uuid, kind: .success))
        // "Restart" two hours later with a fresh registry on the same store.
        await clock.advance(by: .seconds(7200))
        let second = HeartbeatRegistry(heartbeats: [Self.spec], store: store, clock: clock)
        second.tick()
        #expect(second.firingAlerts().isEmpty)  // nothing known before restoring
        await second.restore()
        let firing = second.firingAlerts()
        #expect(firing.map(\.name) == ["HeartbeatMissing"])
        #expect(firing.first?.startsAt == WallInstant.at("2026-03-02T11:10:00Z"))
        #expect(second.statuses().first?.lastPing == WallInstant.at("2026-03-02T10:00:00Z"))
    }

    @Test func serviceEmitsAlertChangesInOrder() async throws {
        let store = MemorySettingStore()
        let clock = ManualWallClock(now: .at("2026-03-02T10:00:00Z"))
        let registry = HeartbeatRegistry(heartbeats: [Self.spec], store: store, clock: clock)
        let emitted = Collector<Alert>()
        let service = HeartbeatService(
            registry: registry, clock: clock, tickInterval: .seconds(10), emit: { emitted.append(contentsOf: $0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            #expect(await eventually { clock.sleeperCount == 1 })
            try await registry.ping(HeartbeatPing(uuid: Self.uuid, kind: .success))
            // One tick after period + grace the alert goes out.
            await clock.advance(by: .seconds(4210))
            #expect(await eventually { emitted.count == 1 })
            try await registry.ping(HeartbeatPing(uuid: Self.uuid, kind: .failure(exitStatus: 2)))
            #expect(await eventually { emitted.count == 3 })
            try await registry.ping(HeartbeatPing(uuid: Self.uuid, kind: .success))
            #expect(await eventually { emitted.count == 4 })
            group.cancelAll()
        }
        let alerts = emitted.all
        #expect(alerts.map(\.name) == ["HeartbeatMissing", "HeartbeatMissing", "HeartbeatFailed", "HeartbeatFailed"])
        #expect(alerts.map(\.isFiring) == [true, false, true, false])
    }

    @Test func reloadKeepsPingsAndResolvesAlertsOfRemovedChecks() async throws {
        let store = MemorySettingStore()
        let clock = ManualWallClock(now: .at("2026-03-02T10:00:00Z"))
        let other = HeartbeatSpec(
            name: "reports", uuid: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", schedule: .period(.seconds(60)),
            grace: .seconds(60))
        let registry = HeartbeatRegistry(heartbeats: [Self.spec, other], store: store, clock: clock)
        try await registry.ping(HeartbeatPing(uuid: Self.uuid, kind: .success))
        try await registry.ping(HeartbeatPing(uuid: other.uuid, kind: .success))
        await clock.advance(by: .seconds(300))
        registry.tick()
        #expect(registry.firingAlerts().map(\.labels["heartbeat"]) == ["reports"])
        var renamed = Self.spec
        renamed.name = "nightly-backup"
        // A third check that a previous run of Steady already knew about.
        let known = HeartbeatSpec(
            name: "known", uuid: "11111111-2222-3333-4444-555555555555", schedule: .period(.seconds(60)),
            grace: .seconds(60))
        var record = HeartbeatRecord()
        record.lastSuccess = .at("2026-03-02T09:00:00Z")
        record.lastPing = record.lastSuccess
        let encoded = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        try await store.setSetting(HeartbeatRegistry.settingKey(uuid: known.uuid), encoded)
        await registry.replace(heartbeats: [renamed, known])
        #expect(registry.statuses().map(\.name) == ["nightly-backup", "known"])
        #expect(registry.statuses().first?.lastSuccess == WallInstant.at("2026-03-02T10:00:00Z"))
        #expect(registry.firingAlerts().map(\.labels["heartbeat"]) == ["known"])
        registry.finish()
        var batches: [[Alert]] = []
        for await batch in registry.alerts { batches.append(batch) }
        let resolved = batches.flatMap { $0 }.filter { !$0.isFiring }
        #expect(resolved.map(\.labels["heartbeat"]) == ["reports"])
    }
}
