public import HTTPTypes
public import Hummingbird
import NIOCore
import Resilience

/// An error the middleware answers with: a status, a stable machine-readable `code`, a human message and extra
/// headers (`Retry-After` for shed requests). It crosses HTTP as `{"error":{"code":"…","message":"…"}}`.
///
/// ```swift
/// throw ResilienceHTTPError.overloaded(retryAfter: .seconds(1))
/// // 503, Retry-After: 1, {"error":{"code":"overloaded","message":"…"}}
/// ```
public struct ResilienceHTTPError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// The response status.
    public var status: HTTPResponse.Status
    /// A stable code for clients (`overloaded`, `deadline_exceeded`, `injected_fault`, `unavailable`, …).
    public var code: String
    /// A message for humans.
    public var message: String
    /// Headers added to the response.
    public var headers: HTTPFields

    /// Creates an error.
    ///
    /// ```swift
    /// let error = ResilienceHTTPError(status: .badRequest, code: "invalid_fault", message: "errorRatio must be ≤ 1")
    /// ```
    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// `503 overloaded` with `Retry-After` in whole seconds (at least 1): admission control turned the request away.
    ///
    /// ```swift
    /// throw ResilienceHTTPError.overloaded(retryAfter: .seconds(2))
    /// ```
    public static func overloaded(
        retryAfter: Duration, message: String = "the service is overloaded; retry later"
    ) -> ResilienceHTTPError {
        var headers = HTTPFields()
        headers[.retryAfter] = String(Self.retryAfterSeconds(retryAfter))
        return ResilienceHTTPError(status: .serviceUnavailable, code: "overloaded", message: message, headers: headers)
    }

    /// `504 deadline_exceeded`: the request's deadline passed before or while it was served.
    ///
    /// ```swift
    /// throw ResilienceHTTPError.deadlineExceeded
    /// ```
    public static let deadlineExceeded = ResilienceHTTPError(
        status: .gatewayTimeout, code: "deadline_exceeded", message: "the request's deadline passed")

    /// `503 unavailable`: the service refuses work on purpose (an injected outage).
    ///
    /// ```swift
    /// throw ResilienceHTTPError.unavailable("service is down (injected fault)")
    /// ```
    public static func unavailable(_ message: String) -> ResilienceHTTPError {
        ResilienceHTTPError(status: .serviceUnavailable, code: "unavailable", message: message)
    }

    /// `500 injected_fault`: a request failed on purpose by fault injection.
    ///
    /// ```swift
    /// throw ResilienceHTTPError.injectedFault
    /// ```
    public static let injectedFault = ResilienceHTTPError(
        status: .internalServerError, code: "injected_fault", message: "request failed by an injected fault")

    /// Maps errors of the Resilience library to HTTP: deadlines and timeouts → 504, overload (shed, queue full or
    /// timed out, concurrency limit, bulkhead, rate limit) → 503 with `Retry-After`; `nil` for other errors.
    ///
    /// ```swift
    /// catch { throw ResilienceHTTPError.from(error, retryAfter: .seconds(1)) ?? error }
    /// ```
    public static func from(_ error: any Error, retryAfter: Duration = .seconds(1)) -> ResilienceHTTPError? {
        switch error {
        case let error as ResilienceHTTPError:
            return error
        case let error as ResilienceError:
            if error == .deadlineExceeded || error == .timedOut { return .deadlineExceeded }
            if error == .circuitOpen || error == .rateLimited || error == .bulkheadFull
                || error == .bulkheadQueueTimeout || error == .retryBudgetExhausted
            {
                return .overloaded(retryAfter: error.retryAfter ?? retryAfter)
            }
            return nil
        case let error as AdaptiveResilienceError:
            if error == .shed || error == .queueFull || error == .queueTimeout || error == .concurrencyLimitExceeded
                || error == .throttled
            {
                return .overloaded(retryAfter: retryAfter)
            }
            return nil
        default:
            return nil
        }
    }

    /// `Retry-After` seconds for a duration: rounded up, at least 1.
    static func retryAfterSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds + (attoseconds > 0 ? 1 : 0))
    }

    /// The JSON error response.
    ///
    /// ```swift
    /// let response = try error.response(from: request, context: context)
    /// ```
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        self.makeResponse()
    }

    /// The JSON error response, without a request.
    ///
    /// ```swift
    /// return ResilienceHTTPError.deadlineExceeded.makeResponse()
    /// ```
    public func makeResponse() -> Response {
        var json = #"{"error":{"code":"#
        JSONText.appendQuoted(self.code, to: &json)
        json += #","message":"#
        JSONText.appendQuoted(self.message, to: &json)
        json += "}}"
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: self.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    /// `503 overloaded: …`.
    public var description: String { "\(self.status.code) \(self.code): \(self.message)" }
}
