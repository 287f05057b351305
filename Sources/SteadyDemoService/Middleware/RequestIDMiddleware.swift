import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an ID: honours a well-formed incoming `X-Request-ID` or generates one, echoes it in the
/// response and puts it in the request's logger metadata (`request_id`). A valid W3C `traceparent` is passed through
/// (echoed back, and its trace ID logged as `trace_id`); none is invented.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var requestIDField: HTTPField.Name { HTTPField.Name("X-Request-ID")! }
    static var traceparentField: HTTPField.Name { HTTPField.Name("traceparent")! }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let requestID = request.headers[Self.requestIDField].flatMap(Self.acceptedRequestID) ?? Self.generateRequestID()
        let traceparent = request.headers[Self.traceparentField].flatMap(TraceParent.init)
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        if let traceparent {
            context.logger[metadataKey: "trace_id"] = .string(traceparent.traceID)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = APIError.from(error).makeResponse()
        }
        response.headers[Self.requestIDField] = requestID
        if let traceparent {
            response.headers[Self.traceparentField] = traceparent.value
        }
        return response
    }

    /// Incoming IDs are kept when they are 1–128 visible ASCII characters (no spaces), so they are safe to log and echo.
    static func acceptedRequestID(_ value: String) -> String? {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= 128, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }

    /// 32 lowercase hex digits.
    static func generateRequestID() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex(generator.next()) + hex(generator.next())
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A W3C Trace Context `traceparent` header value: `version-traceid-parentid-flags`.
struct TraceParent: Sendable, Hashable {
    let value: String
    let traceID: String

    /// Parses `00-<32 hex>-<16 hex>-<2 hex>` (lowercase). Later versions may append fields after the flags; the
    /// invalid version `ff` and all-zero IDs are refused.
    init?(_ value: String) {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4,
            parts[0].count == 2, parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
            parts.prefix(4).allSatisfy({ $0.utf8.allSatisfy(Self.isLowerHex) }),
            parts[0] != "ff",
            parts[0] != "00" || parts.count == 4,
            parts[1].utf8.contains(where: { $0 != UInt8(ascii: "0") }),
            parts[2].utf8.contains(where: { $0 != UInt8(ascii: "0") })
        else { return nil }
        self.value = value
        self.traceID = String(parts[1])
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
