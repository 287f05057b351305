import Resilience

extension DemoService {
    /// Registers the demo's checks on `registry`:
    ///
    /// - liveness `process:uptime` — the process answers; faults never fail it (a restart would not help);
    /// - readiness `store:responseTime` and `payments:availability` — fails while the `down` fault is set, warns
    ///   while other faults degrade the service;
    /// - startup `catalog:products` — the catalog is loaded.
    func registerHealthChecks(on registry: HealthRegistry<ContinuousClock>) {
        let clock = self.clock
        let startedAt = self.startedAt
        let store = self.store
        let faults = self.faults
        registry.register(
            HealthCheck("process", componentType: "system", probes: .liveness) {
                let uptime = startedAt.duration(to: clock.now)
                return HealthCheckResult(
                    .healthy,
                    observations: [.init(measurement: "uptime", value: .double(uptime.secondsValue), unit: "s")])
            })
        registry.register(
            HealthCheck("store", componentType: "datastore", probes: .readiness) {
                let start = clock.now
                _ = store.counts()
                let milliseconds = start.duration(to: clock.now).secondsValue * 1000
                return HealthCheckResult(
                    .healthy,
                    observations: [
                        .init(
                            measurement: "responseTime", value: .double(milliseconds), unit: "ms",
                            componentId: "checkout-store")
                    ])
            })
        registry.register(
            HealthCheck("payments", probes: .readiness) {
                let settings = faults.settings
                if settings.down {
                    return HealthCheckResult(
                        .unhealthy, output: "payments unreachable (injected fault: down)",
                        observations: [.init(measurement: "availability", componentId: "payments")])
                }
                if !settings.isNone {
                    return HealthCheckResult(
                        .degraded,
                        output:
                            "degraded by injected faults (errorRatio \(settings.errorRatio), addedLatencyMs \(settings.addedLatencyMs))",
                        observations: [
                            .init(
                                measurement: "availability", value: .double(settings.errorRatio), unit: "error ratio",
                                componentId: "payments")
                        ])
                }
                return HealthCheckResult(
                    .healthy, observations: [.init(measurement: "availability", componentId: "payments")])
            })
        registry.register(
            HealthCheck("catalog", probes: .startup) {
                let count = store.catalog.count
                return HealthCheckResult(
                    count > 0 ? .healthy : .unhealthy, output: count > 0 ? nil : "catalog is empty",
                    observations: [
                        .init(
                            measurement: "products", value: .int(Int64(count)), unit: "products", componentId: "catalog"
                        )
                    ])
            })
    }
}
