import HTTPTypes
public import Hummingbird
import NIOCore
public import Resilience

/// Serves a Resilience ``HealthRegistry`` over HTTP as `application/health+json`
/// (draft-inadarei-api-health-check):
///
/// - `GET {prefix}/live` — liveness (restart the process when it fails),
/// - `GET {prefix}/ready` — readiness (stop sending traffic when it fails),
/// - `GET {prefix}/startup` — startup (hold the other probes until it passes).
///
/// Each answers 200 for `pass`/`warn` and 503 for `fail`, with `Cache-Control: no-store`.
///
/// ```swift
/// let health = HealthRegistry(service: .init(serviceId: "checkout", releaseId: "1.4.2"))
/// health.register(HealthCheck("postgres", componentType: "datastore", probes: .readiness) { try await db.ping(); return .healthy })
/// HealthRoutes(registry: health).register(on: router)
/// ```
public struct HealthRoutes<C: Clock>: Sendable where C.Duration == Duration {
    /// The registry the routes run.
    public let registry: HealthRegistry<C>
    /// The path prefix, `/health` by default.
    public let prefix: String

    /// Creates the routes.
    ///
    /// ```swift
    /// let routes = HealthRoutes(registry: health, prefix: "/healthz")
    /// ```
    public init(registry: HealthRegistry<C>, prefix: String = "/health") {
        self.registry = registry
        self.prefix = prefix
    }

    /// Adds the three routes to `router` (or a group).
    ///
    /// ```swift
    /// HealthRoutes(registry: health).register(on: router)
    /// ```
    public func register<Router: RouterMethods>(on router: Router) {
        let registry = self.registry
        for (path, probe) in [("live", HealthProbe.liveness), ("ready", .readiness), ("startup", .startup)] {
            router.get(RouterPath("\(self.prefix)/\(path)")) { _, _ in
                Self.response(await registry.check(probe))
            }
        }
    }

    /// The HTTP response for a report: status 200/503, `application/health+json`, `Cache-Control: no-store`.
    ///
    /// ```swift
    /// return HealthRoutes<ContinuousClock>.response(await health.check(.readiness))
    /// ```
    public static func response(_ report: HealthReport) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = HealthReport.mediaType
        headers[.cacheControl] = "no-store"
        return Response(
            status: HTTPResponse.Status(code: report.httpStatusCode),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: report.json)))
    }
}
