import Resilience
import Testing

private struct Refused: Error, CustomStringConvertible {
    var description: String { "connection refused" }
}

private let fixedTime = HealthTime(secondsSinceEpoch: 1_700_000_000)

private func registry(
    _ clock: ManualClock = ManualClock(), service: HealthServiceInfo = .init()
)
    -> HealthRegistry<ManualClock>
{
    HealthRegistry(service: service, clock: clock, wallClock: { fixedTime })
}

@Suite("Health")
struct HealthTests {
    @Test("aggregate status is the worst contribution; a failing non-critical check only warns")
    func aggregation() async {
        func report(_ entries: [(HealthStatus, Bool)]) -> HealthReport {
            HealthReport(
                probe: .readiness,
                checks: entries.enumerated().map { index, entry in
                    HealthCheckReport(
                        name: "c\(index)", isCritical: entry.1, result: HealthCheckResult(entry.0), time: fixedTime)
                })
        }
        #expect(report([]).status == .healthy)
        #expect(report([(.healthy, true), (.healthy, false)]).status == .healthy)
        #expect(report([(.healthy, true), (.degraded, true)]).status == .degraded)
        #expect(report([(.unhealthy, false), (.healthy, true)]).status == .degraded)
        #expect(report([(.unhealthy, true), (.degraded, false)]).status == .unhealthy)
        #expect(report([(.unhealthy, true)]).httpStatusCode == 503)
        #expect(report([(.degraded, true)]).httpStatusCode == 200)
    }

    @Test("the application/health+json document has the draft's shape")
    func jsonShape() async {
        let health = registry(service: .init(serviceId: "checkout", releaseId: "1.4.2"))
        health.register(
            HealthCheck("postgres", componentType: "datastore", probes: .readiness) {
                HealthCheckResult(
                    .healthy,
                    observations: [
                        HealthObservation(measurement: "responseTime", value: 12.5, unit: "ms", componentId: "db-1"),
                        HealthObservation(measurement: "responseTime", value: 40, unit: "ms", componentId: "db-2"),
                        HealthObservation(measurement: "connections", value: 17),
                    ])
            })
        health.register(HealthCheck("cache", probes: .readiness, isCritical: false) { throw Refused() })
        let report = await health.check(.readiness)
        let expected = """
            {"status":"warn","releaseId":"1.4.2","serviceId":"checkout","output":"cache: connection refused",\
            "checks":{"postgres:responseTime":[\
            {"componentId":"db-1","componentType":"datastore","observedValue":12.5,"observedUnit":"ms","status":"pass",\
            "time":"2023-11-14T22:13:20Z"},\
            {"componentId":"db-2","componentType":"datastore","observedValue":40,"observedUnit":"ms","status":"pass",\
            "time":"2023-11-14T22:13:20Z"}],\
            "postgres:connections":[{"componentType":"datastore","observedValue":17,"status":"pass",\
            "time":"2023-11-14T22:13:20Z"}],\
            "cache":[{"componentType":"component","status":"fail","time":"2023-11-14T22:13:20Z",\
            "output":"connection refused"}]}}
            """
        #expect(report.json == expected)
        #expect(report.jsonBytes() == Array(expected.utf8))
        #expect(HealthReport.mediaType == "application/health+json")
        #expect(report.failingChecks.map(\.name) == ["cache"])
    }

    @Test("strings are escaped and non-finite numbers become null")
    func escaping() {
        let check = HealthCheckReport(
            name: "weird",
            result: HealthCheckResult(
                .unhealthy, output: "say \"hi\"\n\\ \u{1}",
                observations: [HealthObservation(measurement: "ratio", value: .double(.infinity))]),
            time: fixedTime)
        let json = HealthReport(probe: .liveness, checks: [check]).json
        #expect(json.contains(#""output":"say \"hi\"\n\\ \u0001""#))
        #expect(json.contains(#""observedValue":null"#))
        #expect(json.hasPrefix(#"{"status":"fail","output":"weird: say \"hi\"\n\\ \u0001","#))
    }

    @Test(
        "RFC 3339 times without Foundation",
        arguments: [
            (Int64(0), Int32(0), "1970-01-01T00:00:00Z"), (951_782_400, 0, "2000-02-29T00:00:00Z"),
            (1_700_000_000, 0, "2023-11-14T22:13:20Z"), (-1, 0, "1969-12-31T23:59:59Z"),
            (86_400, 5_000_000, "1970-01-02T00:00:00.005Z"), (4_102_444_799, 0, "2099-12-31T23:59:59Z"),
        ])
    func rfc3339(seconds: Int64, nanoseconds: Int32, expected: String) {
        #expect(HealthTime(secondsSinceEpoch: seconds, nanoseconds: nanoseconds).rfc3339 == expected)
    }

    @Test("a slow check is reported unhealthy after its timeout and is cancelled")
    func timeout() async {
        let clock = ManualClock()
        let health = registry(clock)
        let cancelled = AdaptiveBox(false)
        health.register(
            HealthCheck("slow", probes: .readiness, timeout: .seconds(1)) {
                do {
                    try await clock.sleep(for: .seconds(10))
                } catch {
                    cancelled.mutate { $0 = true }
                    throw error
                }
                return .healthy
            })
        let pending = Task { await health.check(.readiness) }
        await clock.waitForSleepers(count: 2)  // the slow check and its timer
        clock.advance(by: .seconds(1))
        let report = await pending.value
        #expect(report.status == .unhealthy)
        #expect(report.checks.map(\.name) == ["slow"])
        #expect(report.checks[0].result.output?.contains("timed out") == true)
        await yieldUntil { cancelled.value }
        #expect(cancelled.value)
    }

    @Test("checks run concurrently")
    func concurrent() async {
        let started = AdaptiveBox(0)
        let health = registry()
        for name in ["a", "b", "c"] {
            health.register(
                HealthCheck(name, probes: .readiness) {
                    started.mutate { $0 += 1 }
                    // Each check waits until every check has started: impossible if they ran one by one.
                    await yieldUntil { started.value == 3 }
                    return started.value == 3 ? .healthy : HealthCheckResult(.unhealthy, output: "ran alone")
                })
        }
        let report = await health.check(.readiness)
        #expect(report.status == .healthy)
    }

    @Test("results are reused within the cache interval")
    func caching() async {
        let clock = ManualClock()
        let health = registry(clock)
        let runs = AdaptiveBox(0)
        health.register(
            HealthCheck("db", probes: .readiness, cacheInterval: .seconds(10)) {
                let run = runs.mutate { value -> Int in
                    value += 1
                    return value
                }
                return HealthCheckResult(
                    .healthy, observations: [HealthObservation(measurement: "run", value: .int(Int64(run)))])
            })
        let first = await health.check(.readiness)
        clock.advance(by: .seconds(9))
        let second = await health.check(.readiness)
        #expect(runs.value == 1)
        #expect(!first.checks[0].fromCache && second.checks[0].fromCache)
        #expect(second.checks[0].result == first.checks[0].result)
        clock.advance(by: .seconds(1))
        let third = await health.check(.readiness)
        #expect(runs.value == 2)
        #expect(!third.checks[0].fromCache)
    }

    @Test("probes select their checks; registration replaces by name")
    func probes() async {
        let health = registry()
        health.register(HealthCheck("process", probes: .liveness) { .healthy })
        health.register(HealthCheck("db", probes: .readiness) { HealthCheckResult(.degraded, output: "slow") })
        health.register(
            HealthCheck("migrations", probes: .startup) { HealthCheckResult(.unhealthy, output: "running") })
        #expect(await health.check(.liveness).checks.map(\.name) == ["process"])
        #expect(await health.check(.readiness).checks.map(\.name) == ["db"])
        #expect(await health.check(.startup).status == .unhealthy)
        #expect(await health.check(.all).checks.count == 3)
        health.register(HealthCheck("migrations", probes: .startup) { .healthy })
        #expect(await health.check(.startup).status == .healthy)
        #expect(health.unregister("db"))
        #expect(!health.unregister("db"))
        #expect(health.checkNames == ["process", "migrations"])
    }

    @Test("status wire values parse and print")
    func wireValues() {
        #expect(HealthStatus.allCases.map(\.wireValue) == ["pass", "warn", "fail"])
        #expect(HealthStatus.allCases.allSatisfy { HealthStatus(wireValue: $0.wireValue) == $0 })
        #expect(HealthStatus(wireValue: "up") == .healthy)
        #expect(HealthStatus(wireValue: "sideways") == nil)
    }
}
