import Foundation
import SteadyModel
import SteadyProbes
import Testing

@Suite struct HeartbeatMonitorTests {
    static let uuid = "5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11"
    static let start = WallInstant.at("2026-03-02T10:00:00Z")

    static func spec(_ schedule: HeartbeatSpec.Schedule, grace: Duration = .seconds(600)) -> HeartbeatSpec {
        HeartbeatSpec(
            name: "backup", uuid: uuid, schedule: schedule, grace: grace, labels: Labels(["team": "storage"]),
            annotations: Labels(["runbook": "https://runbooks/backup"]))
    }

    static func fired(_ actions: [HeartbeatMonitor.Action]) -> [Alert] {
        actions.compactMap { if case .fire(let alert) = $0 { alert } else { nil } }
    }

    static func resolved(_ actions: [HeartbeatMonitor.Action]) -> [Alert] {
        actions.compactMap { if case .resolve(let alert) = $0 { alert } else { nil } }
    }

    @Test func newCheckNeverAlerts() {
        var monitor = HeartbeatMonitor(spec: Self.spec(.period(.seconds(3600))))
        #expect(monitor.tick(Self.start.advanced(by: .seconds(86_400 * 30))).isEmpty)
        #expect(monitor.state(at: Self.start) == .new)
    }

    @Test func periodScheduleGoesLateThenDownThenUp() throws {
        var monitor = HeartbeatMonitor(spec: Self.spec(.period(.seconds(3600))))
        #expect(monitor.ping(.success, at: Self.start).isEmpty)
        #expect(monitor.state(at: Self.start.advanced(by: .seconds(3599))) == .up)
        #expect(monitor.tick(Self.start.advanced(by: .seconds(3600))).isEmpty)
        #expect(monitor.state(at: Self.start.advanced(by: .seconds(3600))) == .late)
        #expect(monitor.tick(Self.start.advanced(by: .seconds(4199))).isEmpty)
        // period + grace after the last success ping: down.
        let down = Self.start.advanced(by: .seconds(4200))
        let fired = Self.fired(monitor.tick(down))
        try #require(fired.count == 1)
        #expect(fired[0].labels == Labels(["alertname": "HeartbeatMissing", "heartbeat": "backup", "team": "storage"]))
        #expect(fired[0].startsAt == down)
        #expect(fired[0].isFiring)
        #expect(fired[0].annotations["runbook"] == "https://runbooks/backup")
        #expect(fired[0].annotations["summary"] == "Heartbeat backup is missing")
        #expect(fired[0].annotations["last_ping"] == Timestamp.format(Self.start))
        #expect(
            fired[0].annotations["description"]?.contains("Last ping: \(Timestamp.format(Self.start)) (success)")
                == true)
        #expect(monitor.state(at: down) == .down)
        // Ticking again changes nothing.
        #expect(monitor.tick(down.advanced(by: .seconds(60))).isEmpty)
        // A success ping resolves it.
        let back = down.advanced(by: .seconds(120))
        let actions = monitor.ping(.success, at: back)
        #expect(Self.fired(actions).isEmpty)
        let resolved = Self.resolved(actions)
        try #require(resolved.count == 1)
        #expect(resolved[0].endsAt == back)
        #expect(resolved[0].labels == fired[0].labels)
        #expect(resolved[0].startsAt == down)
        #expect(monitor.state(at: back) == .up)
    }

    @Test func failurePingsGoDownAtOnceAndRepeatedFailuresKeepTheAlert() throws {
        var monitor = HeartbeatMonitor(spec: Self.spec(.period(.seconds(3600))))
        _ = monitor.ping(.success, at: Self.start)
        let failedAt = Self.start.advanced(by: .seconds(60))
        let fired = Self.fired(monitor.ping(.failure(exitStatus: 3), at: failedAt, body: "disk full"))
        try #require(fired.count == 1)
        #expect(fired[0].name == "HeartbeatFailed")
        #expect(fired[0].startsAt == failedAt)
        #expect(fired[0].annotations["summary"] == "Heartbeat backup reported a failure with exit status 3")
        #expect(fired[0].annotations["description"]?.hasSuffix("Last message: disk full") == true)
        #expect(monitor.state(at: failedAt) == .down)
        // Another failure, and a long silence: still the same single alert.
        #expect(monitor.ping(.failure(exitStatus: nil), at: failedAt.advanced(by: .seconds(60))).isEmpty)
        #expect(monitor.tick(failedAt.advanced(by: .seconds(86_400))).isEmpty)
        let resolved = Self.resolved(monitor.ping(.success, at: failedAt.advanced(by: .seconds(90_000))))
        #expect(resolved.map(\.name) == ["HeartbeatFailed"])
    }

    @Test func missingThenFailureSwapsTheAlert() {
        var monitor = HeartbeatMonitor(spec: Self.spec(.period(.seconds(60)), grace: .seconds(60)))
        _ = monitor.ping(.success, at: Self.start)
        #expect(Self.fired(monitor.tick(Self.start.advanced(by: .seconds(120)))).map(\.name) == ["HeartbeatMissing"])
        let actions = monitor.ping(.failure(exitStatus: 1), at: Self.start.advanced(by: .seconds(130)))
        #expect(Self.resolved(actions).map(\.name) == ["HeartbeatMissing"])
        #expect(Self.fired(actions).map(\.name) == ["HeartbeatFailed"])
    }

    @Test func startPingsMeasureDurationAndOverdueRunsGoDown() throws {
        var monitor = HeartbeatMonitor(spec: Self.spec(.period(.seconds(86_400)), grace: .seconds(1800)))
        _ = monitor.ping(.success, at: Self.start)
        let runStart = Self.start.advanced(by: .seconds(3600))
        #expect(monitor.ping(.start, at: runStart).isEmpty)
        #expect(monitor.state(at: runStart) == .started)
        _ = monitor.ping(.success, at: runStart.advanced(by: .seconds(95)))
        #expect(monitor.status(at: runStart).lastDurationSeconds == 95)
        // A run that never finishes is down once the grace time after its start passes.
        let second = runStart.advanced(by: .seconds(7200))
        _ = monitor.ping(.start, at: second)
        #expect(monitor.tick(second.advanced(by: .seconds(1799))).isEmpty)
        let fired = Self.fired(monitor.tick(second.advanced(by: .seconds(1800))))
        #expect(fired.map(\.name) == ["HeartbeatMissing"])
        #expect(fired.first?.startsAt == second.advanced(by: .seconds(1800)))
        #expect(
            fired.first?.annotations["description"]?.contains(
                "A run started at \(Timestamp.format(second)) has not finished.") == true)
    }

    @Test func cronScheduleExpectsAPingAfterEachFireTime() throws {
        // Every day at 02:30 in Berlin (CET, UTC+1 on 2026-03-02).
        let cron = try CronExpression(parsing: "30 2 * * *")
        var monitor = HeartbeatMonitor(spec: Self.spec(.cron(cron, timeZone: "Europe/Berlin"), grace: .seconds(3600)))
        let ping = WallInstant.at("2026-03-02T01:31:00Z")
        _ = monitor.ping(.success, at: ping)
        #expect(monitor.nextExpected() == WallInstant.at("2026-03-03T01:30:00Z"))
        #expect(monitor.tick(.at("2026-03-03T02:29:59Z")).isEmpty)
        #expect(monitor.state(at: .at("2026-03-03T02:29:59Z")) == .late)
        let fired = Self.fired(monitor.tick(.at("2026-03-03T02:30:00Z")))
        #expect(fired.map(\.startsAt) == [.at("2026-03-03T02:30:00Z")])
    }

    @Test func cronScheduleFollowsDaylightSavingTime() throws {
        // 2026-03-29: Berlin skips 02:00-03:00, so the 02:30 run is expected at 03:00 CEST = 01:00 UTC.
        let cron = try CronExpression(parsing: "30 2 * * *")
        var monitor = HeartbeatMonitor(spec: Self.spec(.cron(cron, timeZone: "Europe/Berlin"), grace: .seconds(600)))
        _ = monitor.ping(.success, at: .at("2026-03-28T01:30:30Z"))
        #expect(monitor.nextExpected() == WallInstant.at("2026-03-29T01:00:00Z"))
        #expect(monitor.tick(.at("2026-03-29T01:09:59Z")).isEmpty)
        #expect(Self.fired(monitor.tick(.at("2026-03-29T01:10:00Z"))).count == 1)
    }

    @Test func restoringARecordRecomputesTheSameAlert() throws {
        let spec = Self.spec(.period(.seconds(3600)))
        var before = HeartbeatMonitor(spec: spec)
        _ = before.ping(.success, at: Self.start)
        let original = Self.fired(before.tick(Self.start.advanced(by: .seconds(5000))))
        let data = try JSONEncoder().encode(before.record)
        var after = HeartbeatMonitor(spec: spec)
        let restored = Self.fired(
            after.restore(
                try JSONDecoder().decode(HeartbeatRecord.self, from: data), at: Self.start.advanced(by: .seconds(6000)))
        )
        #expect(restored.map(\.labels) == original.map(\.labels))
        #expect(restored.map(\.startsAt) == original.map(\.startsAt))
    }

    @Test func pingSuffixesFollowHealthchecks() {
        #expect(HeartbeatPing.Kind(suffix: nil) == .success)
        #expect(HeartbeatPing.Kind(suffix: "0") == .success)
        #expect(HeartbeatPing.Kind(suffix: "start") == .start)
        #expect(HeartbeatPing.Kind(suffix: "fail") == .failure(exitStatus: nil))
        #expect(HeartbeatPing.Kind(suffix: "1") == .failure(exitStatus: 1))
        #expect(HeartbeatPing.Kind(suffix: "255") == .failure(exitStatus: 255))
        #expect(HeartbeatPing.Kind(suffix: "256") == nil)
        #expect(HeartbeatPing.Kind(suffix: "-1") == nil)
        #expect(HeartbeatPing.Kind(suffix: "log") == nil)
        #expect(HeartbeatPing.Kind(suffix: "") == nil)
        #expect(HeartbeatSpec.isUUID("5B4C3E1A-6F0E-4C52-9D8E-2F1B7A9C0D11"))
        #expect(!HeartbeatSpec.isUUID("5b4c3e1a6f0e4c529d8e2f1b7a9c0d11"))
        #expect(!HeartbeatSpec.isUUID("5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d1g"))
    }
}
