import HTTPTypes
import Hummingbird
import SteadyHummingbird

/// An error that crosses HTTP as `{"error":{"code":"…","message":"…"}}` with a stable code and a human message.
struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    var description: String { "\(status.code) \(code): \(message)" }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    func makeResponse() -> Response {
        JSONResponse.make(Body(error: .init(code: code, message: message)), status: status, headers: headers)
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
        }
        var error: Detail
    }

    static func badRequest(_ message: String, code: String = "bad_request") -> APIError {
        APIError(status: .badRequest, code: code, message: message)
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }

    static func conflict(_ message: String, code: String = "conflict") -> APIError {
        APIError(status: .conflict, code: code, message: message)
    }

    static func internalError() -> APIError {
        APIError(status: .internalServerError, code: "internal", message: "internal server error")
    }

    /// Converts any error a handler or Hummingbird threw into an `APIError`.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ResilienceHTTPError:
            return APIError(status: error.status, code: error.code, message: error.message, headers: error.headers)
        case let error as HTTPError:
            return APIError(
                status: error.status,
                code: code(for: error.status),
                message: error.body ?? error.status.reasonPhrase.lowercased(),
                headers: error.headers
            )
        case let error as any HTTPResponseError:
            return APIError(
                status: error.status,
                code: code(for: error.status),
                message: error.status.reasonPhrase.lowercased()
            )
        default:
            return internalError()
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 413: "content_too_large"
        case 503: "unavailable"
        case 500..<600: "internal"
        default: "http_\(status.code)"
        }
    }
}
