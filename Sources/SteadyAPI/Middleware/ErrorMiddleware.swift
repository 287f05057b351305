import Hummingbird
import Logging

/// Turns every thrown error into `{"error":{"code","message"}}` with the right status.
///
/// - ``APIError``: as is.
/// - Hummingbird's "no route" 404: a 405 with `Allow` when the path exists for other methods, else a 404.
/// - Other `HTTPResponseError`s (413, …): their status with a code derived from it.
/// - `DecodingError`: 400 with what was wrong in the body.
/// - Anything else: a generic 500 naming the request id; the error itself is logged at error level, never sent.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = SteadyRequestContext

    let routes: [RouteSpec]
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return try apiError(for: error, request: request, context: context).response(
                from: request, context: context)
        }
    }

    func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError where error.status == .notFound && context.endpointPath == "NotFound":
            return notFound(request)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return .payloadTooLarge("the request body is larger than \(context.maxUploadSize) bytes")
        case let error as HTTPError:
            return .status(error.status, message: error.body)
        case let error as any HTTPResponseError:
            return .status(error.status)
        case let error as DecodingError:
            return .badRequest("invalid JSON body: \(Self.describe(error))")
        default:
            var logger = logger
            logger[metadataKey: "request_id"] = .string(context.requestID)
            logger.error(
                "request failed",
                metadata: [
                    "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                    "error": .string(String(reflecting: error)),
                ])
            return .internal(requestID: context.requestID)
        }
    }

    private func notFound(_ request: Request) -> APIError {
        let path = request.uri.path
        var allowed = routes.filter { $0.matches(path: path) }.map(\.method)
        if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
        if allowed.isEmpty {
            return .notFound("no route for \(request.method.rawValue) \(path)")
        }
        return .methodNotAllowed(request.method, path: path, allowed: allowed)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(let type, let context):
            return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context):
            return "expected \(type)\(path(context)), found null"
        case .dataCorrupted(let context):
            return "malformed JSON\(path(context))"
        @unknown default:
            return "malformed JSON"
        }
    }
}
