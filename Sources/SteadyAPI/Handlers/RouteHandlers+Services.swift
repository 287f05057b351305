import Hummingbird
import SteadyModel

extension RouteHandlers {
    /// `GET /api/v1/services`.
    func listServices(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let services = deps.services()
        let targets = deps.targets()
        let signals = await currentSignals(of: services.map(\.name), context: context)
        let body = ServiceListBody(
            services: services.map { service in
                ServiceSummaryBody(
                    name: service.name,
                    description: service.description,
                    targets: TargetCountsBody(targets.filter { $0.service == service.name }),
                    signals: signals[service.name].map(SignalsBody.init),
                    slos: service.slos.map { SLOBriefBody(name: $0.name, objective: $0.objective) }
                )
            })
        return try JSONResponse.make(body)
    }

    /// `GET /api/v1/services/{name}`.
    func serviceDetail(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let service = try service(named: try context.pathParameter("name"))
        let signals = await currentSignals(of: [service.name], context: context)[service.name]
        let body = ServiceDetailBody(
            name: service.name,
            description: service.description,
            signalSpec: SignalSpecBody(service.signals),
            scrape: service.scrape.map(ScrapeBody.init),
            targets: deps.targets().filter { $0.service == service.name }.map(TargetBody.init),
            slos: service.slos.map(SLOBody.init),
            signals: signals.map(SignalsBody.init)
        )
        return try JSONResponse.make(body)
    }

    /// `GET /api/v1/services/{name}/signals?from=&to=&step=`.
    func serviceSignals(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let service = try service(named: try context.pathParameter("name"))
        let query = QueryParameters(request)
        let range = try SignalQuery(
            from: try query.time("from"), to: try query.time("to"), step: try query.duration("step"),
            now: deps.clock.now)
        let points = try await deps.signals(service.name, range.from, range.to, range.step)
        let body = SignalSeriesBody(
            service: service.name,
            from: Timestamp.format(range.from),
            to: Timestamp.format(range.to),
            step: PrometheusDuration.format(range.step),
            points: points.map(SignalsBody.init)
        )
        return try JSONResponse.make(body)
    }

    /// `GET /api/v1/targets?service=`.
    func listTargets(_ request: Request, _ context: SteadyRequestContext) throws -> Response {
        var targets = deps.targets()
        if let service = QueryParameters(request).string("service") {
            targets = targets.filter { $0.service == service }
        }
        return try JSONResponse.make(TargetListBody(targets: targets.map(TargetBody.init)))
    }
}
