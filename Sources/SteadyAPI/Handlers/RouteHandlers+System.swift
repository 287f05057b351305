import Hummingbird
import Logging
import SteadyModel

extension RouteHandlers {
    /// `GET /api/v1/status`.
    func status(_ request: Request, _ context: SteadyRequestContext) throws -> Response {
        let now = deps.clock.now
        return try JSONResponse.make(
            StatusBody(
                version: deps.version,
                startedAt: Timestamp.format(startedAt),
                uptimeSeconds: max(0, startedAt.duration(to: now).seconds),
                ready: deps.isReady(),
                anonymousRead: deps.anonymousRead()
            ))
    }

    /// `POST /-/reload` (admin) → 200 `{"message"}`; a bad configuration is a 400 `invalid_config` whose message
    /// says what is wrong (the running configuration is kept).
    func reload(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let message: String
        do {
            message = try await deps.reload()
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidConfig(String(describing: error))
        }
        context.logger.debug("configuration reloaded", metadata: ["by": .string(context.caller.name ?? "anonymous")])
        return try JSONResponse.make(MessageBody(message: message))
    }

    /// `GET /-/healthy` — always 200 while the process serves HTTP.
    func healthy(_ request: Request, _ context: SteadyRequestContext) -> Response {
        TextResponse.text("Steady is Healthy.\n")
    }

    /// `GET /-/ready` — 200 when ready, 503 (JSON `not_ready`) otherwise.
    func ready(_ request: Request, _ context: SteadyRequestContext) throws -> Response {
        guard deps.isReady() else { throw APIError.notReady("Steady is not ready.") }
        return TextResponse.text("Steady is Ready.\n")
    }

    /// `GET /metrics` — Steady's own metrics, open like Prometheus's: counts and timings only, no secrets.
    func metrics(_ request: Request, _ context: SteadyRequestContext) -> Response {
        TextResponse.text(deps.metricsText(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
