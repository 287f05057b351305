import Hummingbird

/// Records the golden signals of user traffic (see ``HTTPMetrics``). The `route` label is the route template
/// (`/api/products/{id}`), or `unmatched` when no route matched. `/metrics`, `/health/…` and `/admin/…` are not
/// counted. Place it outside ``JSONErrorMiddleware`` so it sees final status codes.
struct GoldenSignalsMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware where C.Duration == Duration {
    let metrics: HTTPMetrics
    let clock: C

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard HTTPMetrics.isUserTraffic(path: request.uri.path) else {
            return try await next(request, context)
        }
        // The router stores the matched template before running route middleware; it is unset when nothing matched.
        let route = context.endpointPath ?? HTTPMetrics.unmatchedRoute
        let method = request.method.rawValue
        let start = clock.now
        metrics.requestStarted()
        do {
            let response = try await next(request, context)
            metrics.requestFinished(
                method: method,
                route: route,
                code: Int(response.status.code),
                duration: start.duration(to: clock.now)
            )
            return response
        } catch {
            metrics.requestFinished(
                method: method,
                route: route,
                code: Int(APIError.from(error).status.code),
                duration: start.duration(to: clock.now)
            )
            throw error
        }
    }
}
