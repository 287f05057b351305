import HTTPTypes
public import Hummingbird
import Logging

/// Gives every request an ID and carries the caller's trace context.
///
/// - Honours a well-formed incoming `X-Request-ID` (1–128 visible ASCII characters) or generates 32 hex digits.
/// - Echoes the ID in the response, also on errors, and adds `request_id` (and `trace_id`) to the request's logger.
/// - Passes a valid W3C `traceparent` through (echoed back); an invalid one is dropped and none is invented.
/// - Sets ``RequestIdentity/current`` for the handler so outgoing calls can propagate both.
///
/// Add it first, so every later middleware logs with the ID and every response carries it.
///
/// ```swift
/// router.add(middleware: RequestIDMiddleware())
/// ```
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDField: HTTPField.Name { HTTPField.Name(RequestIDMiddlewareHeaders.requestID)! }
    static var traceparentField: HTTPField.Name { HTTPField.Name(TraceParent.headerName)! }

    /// Creates the middleware.
    ///
    /// ```swift
    /// let middleware = RequestIDMiddleware<BasicRequestContext>()
    /// ```
    public init() {}

    /// Assigns the ID, runs the rest of the chain with it and echoes it.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let requestID =
            request.headers[Self.requestIDField].flatMap(Self.acceptedRequestID) ?? Self.generateID(words: 2)
        let traceParent = request.headers[Self.traceparentField].flatMap(TraceParent.init)
        let identity = RequestIdentity(
            requestID: requestID, traceParent: traceParent, spanID: traceParent == nil ? nil : Self.generateID(words: 1)
        )
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        if let traceParent {
            context.logger[metadataKey: "trace_id"] = .string(traceParent.traceID)
        }
        var response: Response
        do {
            response = try await RequestIdentity.$current.withValue(identity) {
                try await next(request, context)
            }
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.debug("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            response = ResilienceHTTPError(
                status: .internalServerError, code: "internal", message: "internal server error"
            ).makeResponse()
        }
        response.headers[Self.requestIDField] = requestID
        if let traceParent {
            response.headers[Self.traceparentField] = traceParent.value
        }
        return response
    }

    /// Incoming IDs are kept when they are 1–128 visible ASCII characters (no spaces), so they are safe to log and
    /// echo.
    static func acceptedRequestID(_ value: String) -> String? {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= 128, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }

    /// `16 × words` lowercase hex digits.
    static func generateID(words: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<words {
            let digits = String(generator.next() as UInt64, radix: 16)
            text += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return text
    }
}
