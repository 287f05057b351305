import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore

/// The admin API of an ``HTTPFaultSwitch``, behind ``AdminTokenMiddleware``:
///
/// - `GET {path}` — the active faults,
/// - `POST {path}` with `{"errorRatio": 0…1, "addedLatencyMs": n, "down": bool, "ttlSeconds": n}` — replace them
///   (every field optional; unknown fields are refused so a typo does not silently install nothing),
/// - `DELETE {path}` — clear them.
///
/// Responses look like
/// `{"active":true,"addedLatencyMs":0,"down":false,"errorRatio":0.5,"remainingSeconds":600,"ttlSeconds":600}`;
/// invalid bodies answer `400 invalid_fault` naming the field.
///
/// ```swift
/// FaultAdminRoutes(faults: faultSwitch, adminToken: token).register(on: router)
/// // curl -H "Authorization: Bearer $TOKEN" -d '{"errorRatio":0.3,"ttlSeconds":300}' localhost:8081/admin/faults
/// ```
public struct FaultAdminRoutes<C: Clock>: Sendable where C.Duration == Duration {
    let faults: HTTPFaultSwitch<C>
    let adminToken: String?
    let path: String

    /// Creates the routes.
    ///
    /// ```swift
    /// let routes = FaultAdminRoutes(faults: faultSwitch, adminToken: token, path: "/admin/faults")
    /// ```
    public init(faults: HTTPFaultSwitch<C>, adminToken: String?, path: String = "/admin/faults") {
        self.faults = faults
        self.adminToken = adminToken
        self.path = path
    }

    /// Adds the routes, guarded by the admin token, to `router`.
    ///
    /// ```swift
    /// FaultAdminRoutes(faults: faultSwitch, adminToken: token).register(on: router)
    /// ```
    public func register<Context: RequestContext>(on router: Router<Context>) {
        let group = router.group().add(middleware: AdminTokenMiddleware<Context>(token: self.adminToken))
        let faults = self.faults
        let path = RouterPath(self.path)
        group.get(path) { _, _ in
            Self.statusResponse(faults.current())
        }
        group.post(path) { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            do throws(HTTPFaultError) {
                let (settings, ttl) = try Self.decode(
                    Data(body.readableBytesView), maximumTTL: faults.limits.maximumTTL)
                return Self.statusResponse(try faults.set(settings, ttl: ttl))
            } catch {
                throw ResilienceHTTPError(status: .badRequest, code: "invalid_fault", message: error.message)
            }
        }
        group.delete(path) { _, _ in
            faults.clear()
            return Self.statusResponse(nil)
        }
    }

    /// Parses a `POST` body into settings and an optional time to live.
    static func decode(_ data: Data, maximumTTL: Duration) throws(HTTPFaultError) -> (HTTPFaults, Duration?) {
        guard !data.isEmpty else { throw .invalidBody("request body must be a JSON object") }
        let body: FaultBody
        do {
            body = try JSONDecoder().decode(FaultBody.self, from: data)
        } catch let error as HTTPFaultError {
            throw error
        } catch let error as DecodingError {
            throw .invalidBody(Self.message(error))
        } catch {
            throw .invalidBody("invalid fault body")
        }
        var faults = HTTPFaults(errorRatio: body.errorRatio ?? 0, unavailable: body.down ?? false)
        if let milliseconds = body.addedLatencyMs {
            faults.addedLatency = .milliseconds(milliseconds)
        }
        var ttl: Duration?
        if let seconds = body.ttlSeconds {
            guard seconds.isFinite, seconds > 0, seconds <= 1e9 else {
                throw .ttl(seconds, maximum: maximumTTL.components.seconds)
            }
            ttl = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return (faults, ttl)
    }

    private static func message(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.isEmpty ? "(body)" : context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let expected = type == Bool.self ? "a boolean" : type == Int64.self ? "an integer" : "a number"
            return context.codingPath.isEmpty
                ? "request body must be a JSON object" : "field '\(path(context))' must be \(expected)"
        case .keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "body is not valid JSON" : "field '\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "invalid fault body"
        }
    }

    /// The JSON status document for `active`.
    static func statusResponse(_ active: ActiveHTTPFaults?) -> Response {
        let faults = active?.faults ?? .none
        var json = "{\"active\":\(active != nil)"
        json += ",\"addedLatencyMs\":\(HTTPFaultSwitch<C>.milliseconds(faults.addedLatency))"
        json += ",\"down\":\(faults.unavailable)"
        json += ",\"errorRatio\":\(JSONText.number(faults.errorRatio))"
        if let active {
            json += ",\"remainingSeconds\":\(JSONText.number(HTTPFaultSwitch<C>.seconds(active.remaining)))"
            json += ",\"ttlSeconds\":\(JSONText.number(HTTPFaultSwitch<C>.seconds(active.ttl)))"
        }
        json += "}"
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}

/// The wire form of a `POST` body.
struct FaultBody: Decodable {
    var errorRatio: Double?
    var addedLatencyMs: Int64?
    var down: Bool?
    var ttlSeconds: Double?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case errorRatio, addedLatencyMs, down, ttlSeconds
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let names = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = names.sorted().first(where: { !known.contains($0) }) {
            throw HTTPFaultError.invalidBody(
                "unknown field '\(unknown)'; expected errorRatio, addedLatencyMs, down, ttlSeconds")
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.errorRatio = try container.decodeIfPresent(Double.self, forKey: .errorRatio)
        self.addedLatencyMs = try container.decodeIfPresent(Int64.self, forKey: .addedLatencyMs)
        self.down = try container.decodeIfPresent(Bool.self, forKey: .down)
        self.ttlSeconds = try container.decodeIfPresent(Double.self, forKey: .ttlSeconds)
    }
}
