import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SteadyModel

/// Healthchecks-compatible ping endpoints and the heartbeat/probe lists.
///
/// `GET`, `HEAD` and `POST` on `/ping/<uuid>`, `/ping/<uuid>/start`, `/ping/<uuid>/fail` and
/// `/ping/<uuid>/<exit-status>` answer `200 OK` with the text `OK`, or `404` with `not found` for an unknown UUID
/// or suffix, exactly like Healthchecks. The first 100 kB of a request body are kept as the ping's message.
extension RouteHandlers {
    private struct HeartbeatListBody: Encodable {
        var heartbeats: [HeartbeatStatus]
    }

    private struct ProbeListBody: Encodable {
        var probes: [ProbeStatus]
    }

    /// `GET|HEAD|POST /ping/{uuid}` and `/ping/{uuid}/{signal}`.
    func heartbeatPing(
        _ request: Request, _ context: SteadyRequestContext, _ heartbeats: HeartbeatAccess
    )
        async throws -> Response
    {
        let uuid = (context.parameters.get("uuid") ?? "").lowercased()
        let signal = context.parameters.get("signal")
        guard HeartbeatSpec.isUUID(uuid), let kind = HeartbeatPing.Kind(suffix: signal) else {
            return Self.pingResponse("not found", status: .notFound)
        }
        let body = try await Self.pingBody(request)
        let found: Bool
        do {
            found = try await heartbeats.ping(HeartbeatPing(uuid: uuid, kind: kind, body: body))
        } catch {
            context.logger.error("storing a heartbeat ping failed", metadata: ["error": "\(error)"])
            return Self.pingResponse("storage error", status: .serviceUnavailable)
        }
        return found ? Self.pingResponse("OK", status: .ok) : Self.pingResponse("not found", status: .notFound)
    }

    /// `GET /api/v1/heartbeats`.
    func listHeartbeats(
        _ request: Request, _ context: SteadyRequestContext, _ heartbeats: HeartbeatAccess
    )
        async throws -> Response
    {
        try JSONResponse.make(HeartbeatListBody(heartbeats: await heartbeats.heartbeats()))
    }

    /// `GET /api/v1/probes`.
    func listProbes(
        _ request: Request, _ context: SteadyRequestContext, _ heartbeats: HeartbeatAccess
    )
        async throws -> Response
    {
        try JSONResponse.make(ProbeListBody(probes: await heartbeats.probes()))
    }

    /// The first ``HeartbeatPing/maximumBodyBytes`` bytes of the body as text (the rest is read and dropped); nil
    /// when empty.
    static func pingBody(_ request: Request) async throws -> String? {
        var kept = ByteBuffer()
        for try await chunk in request.body {
            let room = HeartbeatPing.maximumBodyBytes - kept.readableBytes
            guard room > 0 else { continue }
            var chunk = chunk
            if let slice = chunk.readSlice(length: min(room, chunk.readableBytes)) {
                var slice = slice
                kept.writeBuffer(&slice)
            }
        }
        guard kept.readableBytes > 0 else { return nil }
        return String(decoding: kept.readableBytesView, as: UTF8.self)
    }

    static func pingResponse(_ text: String, status: HTTPResponse.Status) -> Response {
        var response = TextResponse.text(text, status: status)
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}
