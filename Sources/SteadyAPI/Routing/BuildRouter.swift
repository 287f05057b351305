public import Hummingbird
public import Logging
import SteadyModel

/// Builds Steady's router: the JSON API under `/api/v1`, operations endpoints (`/-/healthy`, `/-/ready`,
/// `/-/reload`, `/metrics`) and the dashboard (`/`, `/services/{name}`, `/login`, `/logout`).
///
/// Every route comes from ``SteadyRoutes/all`` and runs behind an access check for its ``RouteAccess``. Middleware,
/// outermost first: request id and request log (``RequestLogMiddleware``), then JSON errors (``ErrorMiddleware``).
/// HEAD is answered for every GET route.
///
/// ```swift
/// let router = buildRouter(deps, logger: logger)
/// let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 4040)))
/// try await app.runService()
/// ```
public func buildRouter(_ deps: APIDependencies, logger: Logger) -> Router<SteadyRequestContext> {
    let router = Router(context: SteadyRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteTable.routes
    router.add(middleware: RequestLogMiddleware(logger: logger))
    router.add(middleware: ErrorMiddleware(routes: routes.map(\.spec), logger: logger))
    let authenticator = TokenAuthenticator(store: deps.store, clock: deps.clock, logger: logger)
    let handlers = RouteHandlers(
        deps: deps,
        access: AccessControl(authenticator: authenticator, anonymousRead: deps.anonymousRead),
        startedAt: deps.clock.now,
        logger: logger
    )
    for route in routes {
        router.on(RouterPath(route.spec.path), method: route.spec.method) { request, context in
            try await handlers.serve(route, request, context)
        }
    }
    return router
}
