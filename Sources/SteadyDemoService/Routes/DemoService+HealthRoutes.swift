import HTTPTypes
import Hummingbird

extension DemoService {
    func addHealthRoutes(to router: Router<BasicRequestContext>) {
        router.get("/health/live") { _, _ in self.healthResponse(self.livenessReport()) }
        router.get("/health/ready") { _, _ in self.healthResponse(self.readinessReport()) }
        router.get("/health/startup") { _, _ in self.healthResponse(self.startupReport()) }
    }

    /// Liveness: the process answers. Faults never fail it (a restart would not help).
    func livenessReport() -> HealthReport {
        let uptime = startedAt.duration(to: clock.now).secondsValue
        return report(checks: [
            "uptime": [.init(componentType: "system", observedValue: uptime, observedUnit: "s", status: .pass)]
        ])
    }

    /// Readiness: the store answers and the simulated payments dependency is reachable. Fails while the `down` fault
    /// is set; warns while other faults degrade it.
    func readinessReport() -> HealthReport {
        let start = clock.now
        _ = store.counts()
        let storeMilliseconds = start.duration(to: clock.now).secondsValue * 1000
        let storeCheck = HealthReport.Check(
            componentId: "checkout-store",
            componentType: "datastore",
            observedValue: storeMilliseconds,
            observedUnit: "ms",
            status: .pass
        )
        let settings = faults.settings
        let paymentsCheck: HealthReport.Check
        if settings.down {
            paymentsCheck = .init(
                componentId: "payments",
                componentType: "component",
                status: .fail,
                output: "payments unreachable (injected fault: down)"
            )
        } else if !settings.isNone {
            paymentsCheck = .init(
                componentId: "payments",
                componentType: "component",
                observedValue: settings.errorRatio,
                observedUnit: "error ratio",
                status: .warn,
                output:
                    "degraded by injected faults (errorRatio \(settings.errorRatio), addedLatencyMs \(settings.addedLatencyMs))"
            )
        } else {
            paymentsCheck = .init(componentId: "payments", componentType: "component", status: .pass)
        }
        return report(checks: ["store:responseTime": [storeCheck], "payments:availability": [paymentsCheck]])
    }

    /// Startup: the catalog is loaded.
    func startupReport() -> HealthReport {
        let count = store.catalog.count
        return report(checks: [
            "catalog:products": [
                .init(
                    componentId: "catalog",
                    componentType: "component",
                    observedValue: Double(count),
                    observedUnit: "products",
                    status: count > 0 ? .pass : .fail,
                    output: count > 0 ? nil : "catalog is empty"
                )
            ]
        ])
    }

    private func report(checks: [String: [HealthReport.Check]]) -> HealthReport {
        HealthReport(
            serviceId: configuration.serviceName,
            version: configuration.version,
            description: "Steady demo \(configuration.serviceName) service",
            checks: checks
        )
    }

    private func healthResponse(_ report: HealthReport) -> Response {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        return JSONResponse.make(
            report,
            status: HTTPResponse.Status(code: report.httpStatusCode),
            contentType: HealthReport.contentType,
            headers: headers
        )
    }
}
