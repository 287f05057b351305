public import Hummingbird

/// Records the golden signals of each request in ``HTTPServerMetrics``.
///
/// The `route` label is the matched route template (`/api/products/{id}`), or `unmatched`, so label cardinality
/// stays bounded. Paths for which `isCounted` returns false (by default `/metrics`, `/health/…` and `/admin/…`) are
/// not counted, so the signals describe users. Errors count with the status they will be answered with
/// (an `HTTPResponseError`'s status, else 500).
///
/// ```swift
/// router.add(middleware: GoldenSignalsMiddleware(metrics: metrics))
/// ```
public struct GoldenSignalsMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware
where C.Duration == Duration {
    let metrics: HTTPServerMetrics
    let clock: C
    let isCounted: @Sendable (String) -> Bool

    /// Creates the middleware; durations are measured on `clock`.
    ///
    /// ```swift
    /// let middleware = GoldenSignalsMiddleware<BasicRequestContext, _>(metrics: metrics, clock: ContinuousClock())
    /// ```
    public init(
        metrics: HTTPServerMetrics,
        clock: C,
        isCounted: @escaping @Sendable (String) -> Bool = GoldenSignalsPaths.isUserTraffic
    ) {
        self.metrics = metrics
        self.clock = clock
        self.isCounted = isCounted
    }

    /// Measures the request.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard self.isCounted(request.uri.path) else {
            return try await next(request, context)
        }
        // The router stores the matched template before running route middleware; it is unset when nothing matched.
        let route = context.endpointPath ?? HTTPServerMetrics.unmatchedRoute
        let method = request.method.rawValue
        let start = self.clock.now
        self.metrics.requestStarted()
        do {
            let response = try await next(request, context)
            self.metrics.requestFinished(
                method: method, route: route, code: Int(response.status.code),
                duration: start.duration(to: self.clock.now))
            return response
        } catch {
            let code = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            self.metrics.requestFinished(
                method: method, route: route, code: code, duration: start.duration(to: self.clock.now))
            throw error
        }
    }
}

extension GoldenSignalsMiddleware where C == ContinuousClock {
    /// Creates the middleware on the continuous clock.
    ///
    /// ```swift
    /// router.add(middleware: GoldenSignalsMiddleware(metrics: metrics))
    /// ```
    public init(
        metrics: HTTPServerMetrics,
        isCounted: @escaping @Sendable (String) -> Bool = GoldenSignalsPaths.isUserTraffic
    ) {
        self.init(metrics: metrics, clock: ContinuousClock(), isCounted: isCounted)
    }
}

/// Which paths count as user traffic for the golden signals.
public enum GoldenSignalsPaths {
    /// False for `/metrics`, `/health/…` and `/admin/…`: probes, scrapes and operators are not users.
    ///
    /// ```swift
    /// GoldenSignalsPaths.isUserTraffic("/health/ready")  // false
    /// ```
    @Sendable
    public static func isUserTraffic(_ path: String) -> Bool {
        let first = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first ?? ""
        return first != "metrics" && first != "health" && first != "admin"
    }
}
