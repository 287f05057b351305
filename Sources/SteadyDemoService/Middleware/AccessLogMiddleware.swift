import Hummingbird
import Logging
import SteadyHummingbird

/// Logs one line per request at debug level, with the request ID already in the logger's metadata.
struct AccessLogMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware where C.Duration == Duration {
    let clock: C

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = clock.now
        let route = context.endpointPath ?? HTTPServerMetrics.unmatchedRoute
        do {
            let response = try await next(request, context)
            log(request, context: context, route: route, status: Int(response.status.code), start: start)
            return response
        } catch {
            log(request, context: context, route: route, status: Int(APIError.from(error).status.code), start: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, route: String, status: Int, start: C.Instant) {
        let elapsed = start.duration(to: clock.now)
        context.logger.debug(
            "request",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.path": .string(request.uri.path),
                "http.route": .string(route),
                "http.status": .stringConvertible(status),
                "duration_ms": .stringConvertible((elapsed.secondsValue * 1000 * 1000).rounded() / 1000),
            ]
        )
    }
}
