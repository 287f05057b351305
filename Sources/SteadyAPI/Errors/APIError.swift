public import Hummingbird

/// An error that crosses HTTP as `{"error":{"code":"not_found","message":"…"}}` with its status.
///
/// Closures given to ``APIDependencies`` may throw it to choose the response; any other error thrown by them
/// becomes a 500 with a generic message (the details are logged, never sent).
///
/// ```swift
/// throw APIError.badRequest("step must be at least 1m")
/// ```
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// HTTP status.
    public let status: HTTPResponse.Status
    /// Stable machine-readable code, e.g. `not_found`.
    public let code: String
    /// Human-readable message.
    public let message: String
    /// Extra response headers (`WWW-Authenticate`, `Allow`).
    public let headers: HTTPFields

    private init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// 400 `bad_request`.
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }

    /// 401 `unauthorized`, with `WWW-Authenticate: Bearer`.
    public static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, "unauthorized", message, headers: [.wwwAuthenticate: #"Bearer realm="steady""#])
    }

    /// 403 `forbidden`.
    public static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }

    /// 404 `not_found`.
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }

    /// 405 `method_not_allowed`, with `Allow`.
    public static func methodNotAllowed(
        _ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]
    )
        -> APIError
    {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, "method_not_allowed",
            "method \(method.rawValue) is not allowed on \(path); allowed: \(list)",
            headers: [.allow: list])
    }

    /// 409 `conflict`.
    public static func conflict(_ message: String) -> APIError { APIError(.conflict, "conflict", message) }

    /// 413 `payload_too_large`.
    public static func payloadTooLarge(_ message: String) -> APIError {
        APIError(.contentTooLarge, "payload_too_large", message)
    }

    /// 400 `invalid_config`: a reload found a bad configuration (the message says where and why).
    public static func invalidConfig(_ message: String) -> APIError {
        APIError(.badRequest, "invalid_config", message)
    }

    /// 503 `not_ready`.
    public static func notReady(_ message: String) -> APIError { APIError(.serviceUnavailable, "not_ready", message) }

    /// 500 `internal`: the message is generic; details belong in the log.
    public static func `internal`(requestID: String) -> APIError {
        APIError(.internalServerError, "internal", "internal server error (request id \(requestID))")
    }

    /// Any other status, with a code derived from it (`too_many_requests`, …).
    public static func status(_ status: HTTPResponse.Status, message: String? = nil) -> APIError {
        let code = status.reasonPhrase.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return APIError(status, code.isEmpty ? "error" : code, message ?? status.reasonPhrase)
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(ErrorBody(error: .init(code: code, message: message)), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// The JSON shape of every error.
struct ErrorBody: Codable, Sendable {
    struct Detail: Codable, Sendable {
        var code: String
        var message: String
    }

    var error: Detail
}
