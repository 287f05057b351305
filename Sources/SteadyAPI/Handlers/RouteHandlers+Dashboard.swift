import Hummingbird
import Logging
import SteadyModel

extension RouteHandlers {
    static let dashboardEventCount = 20

    /// `GET /` — services with current golden signals and target health, and the latest events.
    func dashboardIndex(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let services = deps.services()
        let targets = deps.targets()
        let signals = await currentSignals(of: services.map(\.name), context: context)
        let rows = services.map { service in
            DashboardPages.ServiceRow(
                service: service, targets: TargetCountsBody(targets.filter { $0.service == service.name }),
                signals: signals[service.name])
        }
        let events = try await deps.store.events(EventQuery(limit: Self.dashboardEventCount))
        let slos = await deps.slo.statuses()
        let alerts = await deps.alerting.alerts()
        return TextResponse.html(
            DashboardPages.index(
                services: rows, slos: slos, alerts: alerts, now: deps.clock.now, events: events, caller: context.caller)
        )
    }

    /// `GET /alerts` — firing alerts and the latest notifications.
    func dashboardAlerts(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let alerts = await deps.alerting.alerts()
        let notifications = try await deps.store.outboxItems(OutboxQuery(limit: 100))
        return TextResponse.html(
            DashboardPages.alerts(
                states: alerts, notifications: notifications, heartbeats: await deps.heartbeats.heartbeats(),
                probes: await deps.heartbeats.probes(), maintenance: await deps.maintenance.list(),
                now: deps.clock.now, caller: context.caller))
    }

    /// `GET /services/{name}?range=1h|6h|24h|7d` — charts over the range (default 6h), targets, SLOs, recent events.
    func dashboardService(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let service = try service(named: try context.pathParameter("name"))
        var range = DashboardRange.default
        if let text = QueryParameters(request).string("range") {
            guard let parsed = DashboardRange(rawValue: text) else {
                throw APIError.badRequest(
                    "range must be one of \(DashboardRange.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            range = parsed
        }
        let now = deps.clock.now
        let end = now.truncated(to: range.step).advanced(by: range.step)
        let start = end.advanced(by: .zero - range.duration)
        async let series = deps.signals(service.name, start, end, range.step)
        let current = await currentSignals(of: [service.name], context: context)[service.name]
        let events = try await deps.store.events(EventQuery(service: service.name, limit: Self.dashboardEventCount))
        let slos = await deps.slo.statuses().filter { $0.service == service.name }
        var sloSeries: [SLOSeries] = []
        for status in slos {
            do {
                if let points = try await deps.slo.series(status.slo, start, end, range.step) {
                    sloSeries.append(points)
                }
            } catch {
                context.logger.debug("SLO series failed", metadata: ["slo": "\(status.slo)", "error": "\(error)"])
            }
        }
        let page = DashboardPages.ServicePage(
            service: service, targets: deps.targets().filter { $0.service == service.name }, current: current,
            series: try await series, range: range, start: start, end: end, events: events, slos: slos,
            sloSeries: sloSeries)
        return TextResponse.html(DashboardPages.service(page, caller: context.caller))
    }

    /// 303 to `/login?next=<this page>`; clears a stale cookie.
    func loginRedirect(for request: Request) -> Response {
        var target = request.uri.path
        if let query = request.uri.query, !query.isEmpty { target += "?" + query }
        var response = TextResponse.redirect(to: "/login?next=" + percentEncode(target))
        if request.cookies[AccessControl.cookieName] != nil {
            response.setCookie(Self.sessionCookie(value: "", request: request, expire: true))
        }
        return response
    }
}
