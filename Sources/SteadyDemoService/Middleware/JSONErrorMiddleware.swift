import Hummingbird
import Logging
import SteadyHummingbird

/// Turns every thrown error into a JSON error response `{"error":{"code":"…","message":"…"}}`.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as ResilienceHTTPError {
            // Overload answers take the cheap path: no JSONEncoder while the service is shedding load.
            return error.makeResponse()
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500, !(error is APIError) {
                context.logger.debug("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            }
            return apiError.makeResponse()
        }
    }
}
