import Foundation
import Hummingbird
import SteadyModel

/// Typed access to query parameters, throwing 400 for malformed values.
struct QueryParameters {
    let parameters: Parameters

    init(_ request: Request) {
        parameters = request.uri.queryParameters
    }

    /// The trimmed value, nil when absent or empty.
    func string(_ name: String) -> String? {
        guard let value = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// RFC 3339 or Unix seconds.
    func time(_ name: String) throws -> WallInstant? {
        guard let text = string(name) else { return nil }
        guard let instant = Timestamp.parse(text) else {
            throw APIError.badRequest("\(name): \"\(text)\" is neither RFC 3339 nor Unix seconds")
        }
        return instant
    }

    /// A Prometheus duration (`1m`, `1h30m`).
    func duration(_ name: String) throws -> Duration? {
        guard let text = string(name) else { return nil }
        guard let duration = PrometheusDuration.parse(text) else {
            throw APIError.badRequest("\(name): \"\(text)\" is not a duration such as 1m or 1h")
        }
        return duration
    }

    func integer(_ name: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw APIError.badRequest(
                "\(name): \"\(text)\" must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

extension SteadyRequestContext {
    /// A path capture, percent-decoded.
    func pathParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw APIError.badRequest("missing path parameter \(name)") }
        return raw.removingPercentEncoding ?? raw
    }
}

/// Percent-encodes one path segment or query value (everything but unreserved characters).
func percentEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(
        CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
