import Foundation
import Hummingbird
import Logging
import SteadyModel

/// Request ids and one log line per request.
///
/// The request id is the client's `X-Request-ID` when it is 1–128 visible ASCII characters, otherwise 16 random
/// bytes in hex; it is echoed in the response's `X-Request-ID` and attached to every log line as `request_id`.
/// Log levels: 2xx/3xx at debug, 4xx and 503 (readiness during startup) at info, other 5xx at error. Fields: method, path (without the query), status,
/// duration in milliseconds, request id.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SteadyRequestContext

    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let requestID = Self.requestID(from: request.headers[.xRequestID])
        var context = context
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorMiddleware normally answers first; this only catches errors raised outside it.
            response = try APIError.internal(requestID: requestID).response(from: request, context: context)
        }
        response.headers[.xRequestID] = requestID
        let elapsed = started.duration(to: .now)
        let status = response.status.code
        let level: Logger.Level =
            switch status {
            case ..<400: .debug
            case ..<500, 503: .info
            default: .error
            }
        var logger = logger
        logger[metadataKey: "request_id"] = .string(requestID)
        logger.log(
            level: level, "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.3f", elapsed.seconds * 1000)),
            ])
        return response
    }

    static func requestID(from header: String?) -> String {
        if let header, (1...128).contains(header.utf8.count),
            header.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f })
        {
            return header
        }
        return TokenSecrets.hex(TokenSecrets.randomBytes(16))
    }
}
