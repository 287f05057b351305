import SteadyModel
import SteadyProbes
import Synchronization
import Testing

/// A probe runner with scripted outcomes: each probe fails unless its target is listed as up; every run is recorded.
final class FakeProbeRunner: Sendable {
    private let up: Mutex<Set<String>>
    private let runs = Mutex<[String]>([])
    private let held = Mutex<[String: CheckedContinuation<Void, Never>]>([:])
    private let holding: Mutex<Set<String>>

    init(up: Set<String> = [], hold: Set<String> = []) {
        self.up = Mutex(up)
        holding = Mutex(hold)
    }

    /// Every run so far, as `name target`.
    var all: [String] { runs.withLock { $0 } }
    func count(_ name: String) -> Int { runs.withLock { $0.filter { $0.hasPrefix(name + " ") }.count } }
    /// Whether a run of `name` is waiting for ``release(_:)``.
    func isHeld(_ name: String) -> Bool { held.withLock { $0[name] != nil } }

    func release(_ name: String) {
        holding.withLock { _ = $0.remove(name) }
        held.withLock { $0.removeValue(forKey: name) }?.resume()
    }

    func run(_ spec: ProbeSpec, _ inspect: Bool) async -> ProbeOutcome {
        runs.withLock { $0.append("\(spec.name) \(spec.target)") }
        if holding.withLock({ $0.contains(spec.name) }) {
            await withCheckedContinuation { continuation in held.withLock { $0[spec.name] = continuation } }
        }
        let success = up.withLock { $0.contains(spec.target) }
        return ProbeOutcome(success: success, latency: .zero, error: success ? nil : "connection refused")
    }
}

@Suite struct ProbeServiceReplaceTests {
    static let start = WallInstant.at("2026-05-01T12:00:00Z")

    static func probe(_ name: String, target: String, threshold: Int = 1) -> ProbeSpec {
        ProbeSpec(
            name: name, kind: .tcp(host: target, port: 5432), interval: .seconds(30), failureThreshold: threshold)
    }

    @Test func replaceStartsStopsAndRestartsProbesAndKeepsUnchangedOnes() async throws {
        let clock = ManualWallClock(now: Self.start)
        let runner = FakeProbeRunner(up: ["b.internal:5432"])
        let alerts = Collector<Alert>()
        let samples = Collector<AvailabilitySample>()
        let a = Self.probe("a", target: "a.internal")
        let b = Self.probe("b", target: "b.internal")
        let c = Self.probe("c", target: "c.internal")
        let service = ProbeService(
            probes: [a, b, c], clock: clock, runProbe: runner.run, emit: { alerts.append(contentsOf: $0) },
            recordAvailability: { samples.append($0) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await service.run() }
            #expect(await eventually { clock.sleeperCount == 3 && samples.count == 3 })
            #expect(alerts.all.filter(\.isFiring).compactMap { $0.labels["probe"] }.sorted() == ["a", "c"])

            // Ten seconds on: a goes, b stays, c moves to another host, d comes.
            await clock.advance(by: .seconds(10))
            let changedC = Self.probe("c", target: "c2.internal")
            let d = Self.probe("d", target: "d.internal")
            await service.replace(probes: [b, changedC, d])
            let resolved = alerts.all.filter { !$0.isFiring }
            #expect(resolved.compactMap { $0.labels["probe"] }.sorted() == ["a", "c"])
            #expect(resolved.compactMap { $0.labels["instance"] }.sorted() == ["a.internal:5432", "c.internal:5432"])
            #expect(resolved.allSatisfy { $0.endsAt == Self.start.advanced(by: .seconds(10)) })
            #expect(service.probes == [b, changedC, d])

            // The new and changed probes run at once; b keeps its schedule and a stops.
            #expect(await eventually { clock.sleeperCount == 3 && samples.count == 5 })
            #expect(runner.all.suffix(2).sorted() == ["c c2.internal:5432", "d d.internal:5432"])
            let statuses = service.statuses()
            #expect(statuses.map(\.name) == ["b", "c", "d"])
            #expect(statuses.map(\.target) == ["b.internal:5432", "c2.internal:5432", "d.internal:5432"])
            #expect(
                statuses.map(\.lastRun) == [
                    Self.start, Self.start.advanced(by: .seconds(10)), Self.start.advanced(by: .seconds(10)),
                ])
            #expect(statuses.map(\.consecutiveFailures) == [0, 1, 1])
            #expect(
                service.firingAlerts().map { $0.labels["instance"] } == ["c2.internal:5432", "d.internal:5432"])
            #expect(service.firingAlerts().allSatisfy { $0.startsAt == Self.start.advanced(by: .seconds(10)) })

            // At 12:00:30 only b is due.
            await clock.advance(by: .seconds(20))
            #expect(await eventually { clock.sleeperCount == 3 && runner.count("b") == 2 })
            #expect([runner.count("a"), runner.count("c"), runner.count("d")] == [1, 2, 1])
            group.cancelAll()
        }
        // Every resolution followed its firing.
        #expect(
            alerts.all.map { "\($0.labels["probe"] ?? "") \($0.isFiring)" }.sorted() == [
                "a false", "a true", "c false", "c true", "c true", "d true",
            ])
    }

    @Test func anUnchangedSetChangesNothing() async throws {
        let clock = ManualWallClock(now: Self.start)
        let runner = FakeProbeRunner()
        let alerts = Collector<Alert>()
        let a = Self.probe("a", target: "a.internal")
        let service = ProbeService(
            probes: [a], clock: clock, runProbe: runner.run, emit: { alerts.append(contentsOf: $0) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await service.run() }
            #expect(await eventually { clock.sleeperCount == 1 && alerts.count == 1 })
            await service.replace(probes: [a, a])
            #expect(alerts.count == 1)
            #expect(service.firingAlerts().count == 1)
            #expect(runner.count("a") == 1)
            group.cancelAll()
        }
    }

    @Test func runsWithoutProbesUntilAReplaceAddsOne() async throws {
        let clock = ManualWallClock(now: Self.start)
        let runner = FakeProbeRunner(up: ["a.internal:5432"])
        let samples = Collector<AvailabilitySample>()
        let service = ProbeService(
            probes: [], clock: clock, runProbe: runner.run, emit: { _ in }, recordAvailability: { samples.append($0) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await service.run() }
            #expect(service.statuses().isEmpty)
            await service.replace(probes: [Self.probe("a", target: "a.internal")])
            #expect(await eventually { clock.sleeperCount == 1 && samples.count == 1 })
            #expect(service.statuses().map(\.up) == [true])
            await service.replace(probes: [])
            #expect(await eventually { clock.sleeperCount == 0 })
            #expect(service.statuses().isEmpty)
            group.cancelAll()
        }
    }

    @Test func aRunInFlightWhenItsProbeIsRemovedIsDropped() async throws {
        let clock = ManualWallClock(now: Self.start)
        let runner = FakeProbeRunner(hold: ["a"])
        let alerts = Collector<Alert>()
        let samples = Collector<AvailabilitySample>()
        let service = ProbeService(
            probes: [Self.probe("a", target: "a.internal")], clock: clock, runProbe: runner.run,
            emit: { alerts.append(contentsOf: $0) }, recordAvailability: { samples.append($0) })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await service.run() }
            #expect(await eventually { runner.isHeld("a") })
            await service.replace(probes: [])
            runner.release("a")
            group.cancelAll()
        }
        #expect(alerts.count == 0)
        #expect(samples.count == 0)
        #expect(service.statuses().isEmpty)
    }
}
