import Foundation
import Hummingbird
import SteadyModel

/// Recurring maintenance windows: `GET|POST /api/v1/maintenance`, `DELETE /api/v1/maintenance/{id}`.
///
/// ```json
/// {"matchers": ["service=\"db\""], "comment": "weekly vacuum", "endsAt": "2027-01-01T00:00:00Z",
///  "time_intervals": [{"weekdays": ["sunday"], "times": [{"start_time": "02:00", "end_time": "04:00"}],
///                      "location": "Europe/Berlin"}]}
/// ```
extension RouteHandlers {
    private struct WindowBody: Encodable {
        var id: String
        var matchers: [String]
        var timeIntervals: AnyJSON
        var comment: String
        var createdBy: String
        var createdAt: String
        var endsAt: String?
        var activeNow: Bool

        enum CodingKeys: String, CodingKey {
            case id, matchers, timeIntervals = "time_intervals", comment, createdBy, createdAt, endsAt, activeNow
        }
    }

    /// Already-validated JSON re-emitted as it was stored.
    private struct AnyJSON: Encodable {
        var object: Any

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch object {
            case let value as String: try container.encode(value)
            case let value as Bool: try container.encode(value)
            case let value as NSNumber: try container.encode(value.doubleValue)
            case let value as [Any]: try container.encode(value.map { AnyJSON(object: $0) })
            case let value as [String: Any]: try container.encode(value.mapValues { AnyJSON(object: $0) })
            default: try container.encodeNil()
            }
        }
    }

    private struct WindowsBody: Encodable {
        var windows: [WindowBody]
    }

    /// `GET /api/v1/maintenance`.
    func listMaintenance(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let windows = await deps.maintenance.list().map { listed in
            let window = listed.window
            return WindowBody(
                id: window.id, matchers: window.matchers.map(\.description),
                timeIntervals: AnyJSON(
                    object: (try? JSONSerialization.jsonObject(with: Data(window.timeIntervalsJSON.utf8))) ?? []),
                comment: window.comment, createdBy: window.createdBy, createdAt: Timestamp.format(window.createdAt),
                endsAt: window.endsAt.map(Timestamp.format), activeNow: listed.activeNow)
        }
        return try JSONResponse.make(WindowsBody(windows: windows))
    }

    /// `POST /api/v1/maintenance`: `{"id": …}` (201), or 400 naming the problem.
    func createMaintenance(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 1 << 20)
        } catch {
            throw APIError.payloadTooLarge("a maintenance window may be at most 1 MiB")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
        else { throw APIError.badRequest("expected a JSON object with matchers, time_intervals and comment") }
        guard let texts = object["matchers"] as? [String], !texts.isEmpty else {
            throw APIError.badRequest("matchers: expected a non-empty list of matcher strings like service=\"db\"")
        }
        var matchers: [LabelMatcher] = []
        for text in texts {
            do {
                matchers += try AlertMatcherParser.parse(text)
            } catch {
                throw APIError.badRequest("matchers: bad matcher '\(text)': \(error)")
            }
        }
        guard let intervals = object["time_intervals"], JSONSerialization.isValidJSONObject(["x": intervals]) else {
            throw APIError.badRequest("time_intervals: expected a list in Alertmanager's time_intervals format")
        }
        guard let comment = object["comment"] as? String, !comment.isEmpty else {
            throw APIError.badRequest("comment: say why (a non-empty string)")
        }
        var endsAt: WallInstant?
        if let text = object["endsAt"] as? String {
            guard let instant = Timestamp.parse(text) else {
                throw APIError.badRequest("endsAt: expected an RFC 3339 time, found '\(text)'")
            }
            guard instant > deps.clock.now else { throw APIError.badRequest("endsAt: must be in the future") }
            endsAt = instant
        }
        let json = try JSONSerialization.data(withJSONObject: intervals, options: [.sortedKeys])
        let window = MaintenanceWindow(
            id: UUID.randomLowercased(), matchers: matchers,
            timeIntervalsJSON: String(decoding: json, as: UTF8.self), comment: comment,
            createdBy: (object["createdBy"] as? String) ?? context.caller.name ?? "anonymous",
            createdAt: deps.clock.now, endsAt: endsAt)
        switch try await deps.maintenance.create(window) {
        case .success: return try JSONResponse.make(["id": window.id], status: .created)
        case .failure(let error): throw APIError.badRequest(error.message)
        }
    }

    /// `DELETE /api/v1/maintenance/{id}`.
    func deleteMaintenance(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let id = try context.pathParameter("id")
        guard try await deps.maintenance.delete(id) else {
            throw APIError.notFound("maintenance window \(id) not found")
        }
        return Response(status: .noContent)
    }
}
