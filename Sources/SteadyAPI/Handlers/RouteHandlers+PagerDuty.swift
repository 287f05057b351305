import Foundation
import HTTPTypes
import Hummingbird
import SteadyModel

/// PagerDuty Events API v2 (`POST /v2/enqueue`), so any tool with a PagerDuty notifier can page through Steady:
/// point its events URL at Steady and use a Steady token (responder or admin) as the routing key.
extension RouteHandlers {
    static let pagerDutyBodyLimit = 512 << 10

    func pagerDutyEnqueue(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.pagerDutyBodyLimit)
        } catch {
            return try Self.pagerDutyResponse(
                status: .contentTooLarge, "invalid event", "Event object is too large", [])
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
        else {
            return try Self.pagerDutyResponse(
                status: .badRequest, "invalid event", "Event object is invalid", ["the body is not a JSON object"])
        }
        let routingKey = (object["routing_key"] as? String) ?? (try? access.credential(in: request)) ?? nil
        guard let routingKey, !routingKey.isEmpty,
            let token = try await authenticator.token(forSecret: routingKey)
        else {
            return try Self.pagerDutyResponse(
                status: .unauthorized, "invalid event", "Invalid routing key",
                ["'routing_key' must be a Steady token with the responder or admin role"])
        }
        guard token.role >= .responder else {
            return try Self.pagerDutyResponse(
                status: .forbidden, "invalid event", "Invalid routing key",
                ["token \"\(token.name)\" has the \(token.role.rawValue) role; paging needs responder"])
        }
        let payload = object["payload"] as? [String: Any]
        var details: String?
        if let custom = payload?["custom_details"] {
            let data = try? JSONSerialization.data(withJSONObject: custom, options: [.sortedKeys, .fragmentsAllowed])
            details = data.map { String(decoding: $0, as: UTF8.self) }
        }
        let event = PagerDutyEvent(
            routingKey: routingKey, eventAction: object["event_action"] as? String,
            dedupKey: object["dedup_key"] as? String,
            payload: payload.map {
                PagerDutyEvent.Payload(
                    summary: $0["summary"] as? String, source: $0["source"] as? String,
                    severity: $0["severity"] as? String, timestamp: $0["timestamp"] as? String,
                    component: $0["component"] as? String, group: $0["group"] as? String,
                    class: $0["class"] as? String, customDetails: details)
            },
            client: object["client"] as? String, clientURL: object["client_url"] as? String)
        switch try await deps.alerting.pagerDuty(event, token.name) {
        case .accepted(let dedupKey):
            return try JSONResponse.make(
                ["status": "success", "message": "Event processed", "dedup_key": dedupKey], status: .accepted)
        case .invalid(let errors):
            return try Self.pagerDutyResponse(status: .badRequest, "invalid event", "Event object is invalid", errors)
        }
    }

    private struct PagerDutyErrorBody: Encodable {
        var status: String
        var message: String
        var errors: [String]
    }

    static func pagerDutyResponse(
        status: HTTPResponse.Status, _ state: String, _ message: String, _ errors: [String]
    ) throws -> Response {
        try JSONResponse.make(PagerDutyErrorBody(status: state, message: message, errors: errors), status: status)
    }
}
