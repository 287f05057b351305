import Foundation
import HTTPTypes
import Hummingbird
import SteadyModel

/// Alertmanager API v2 (as in Alertmanager 0.25), so Prometheus and amtool talk to Steady unchanged.
extension RouteHandlers {
    static let alertsBodyLimit = 16 << 20

    /// `POST /api/v2/alerts`: partial acceptance; 400 with Alertmanager's joined messages (a JSON string).
    func postAlerts(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.alertsBodyLimit)
        } catch {
            throw APIError.payloadTooLarge("the alerts body may be at most 16 MiB")
        }
        // Handlers run on their connection's event loop. A large batch (thousands of alerts: tens of milliseconds
        // to decode and ingest) moves to the global concurrent executor, so the loop's other connections go on.
        guard buffer.readableBytes > Self.alertsOnLoopLimit else { return try await ingestAlerts(buffer) }
        return try await withTaskExecutorPreference(globalConcurrentExecutor) { try await ingestAlerts(buffer) }
    }

    /// Bodies up to this size are decoded and ingested where the request arrived (~1,000 alerts).
    static let alertsOnLoopLimit = 256 << 10

    private func ingestAlerts(_ buffer: ByteBuffer) async throws -> Response {
        let alerts: [PostableAlert]
        do {
            alerts = try buffer.withUnsafeReadableBytes { bytes in
                Result { () throws(PostableAlertsDecoder.Failure) in try PostableAlertsDecoder.decode(bytes) }
            }.get()
        } catch .unprocessable(let message) {
            return try Self.alertmanagerError(message, status: .unprocessableContent)
        } catch .badRequest(let message) {
            return try Self.alertmanagerError(message, status: .badRequest)
        }
        if let message = try await deps.alerting.post(alerts) {
            return try Self.alertmanagerError(message, status: .badRequest)
        }
        return Response(status: .ok)
    }

    /// `GET /api/v2/alerts?active=&silenced=&inhibited=&unprocessed=&filter=&receiver=`.
    func getAlerts(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let filter = try AlertmanagerAlertFilter(QueryParameters(request), request: request)
        let now = deps.clock.now
        let alerts = await deps.alerting.alerts()
            .filter { !$0.alert.isResolved(at: now) && filter.includes($0) }
            .sorted { $0.alert.fingerprint.hex < $1.alert.fingerprint.hex }
        return try JSONResponse.make(alerts.map(GettableAlertBody.init))
    }

    /// `GET /api/v2/alerts/groups`.
    func getAlertGroups(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let filter = try AlertmanagerAlertFilter(QueryParameters(request), request: request)
        let now = deps.clock.now
        var bodies: [AlertGroupBody] = []
        for group in await deps.alerting.groups() {
            let alerts = group.alerts.filter { !$0.alert.isResolved(at: now) && filter.includes($0) }
            guard !alerts.isEmpty, filter.receiverMatches(group.receiver) else { continue }
            bodies.append(
                AlertGroupBody(
                    alerts: alerts.map(GettableAlertBody.init), labels: group.labels.dictionary,
                    receiver: .init(name: group.receiver)))
        }
        return try JSONResponse.make(bodies)
    }

    /// `GET /api/v2/receivers`.
    func getReceivers(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        try JSONResponse.make(await deps.alerting.receivers().map(GettableAlertBody.Receiver.init(name:)))
    }

    /// `GET /api/v2/status`: Steady runs as a single, ready "cluster".
    func getAlertmanagerStatus(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let uptime = Timestamp.format(startedAt)
        return try JSONResponse.make(
            AlertmanagerStatusBody(
                cluster: .init(name: "steady", peers: [], status: "ready"),
                config: .init(original: deps.alerting.configYAML()), uptime: uptime,
                versionInfo: .init(
                    branch: "main", buildDate: "", buildUser: "steady", goVersion: "swift", revision: "",
                    version: deps.version)))
    }

    /// Alertmanager answers errors of these routes with a JSON string.
    static func alertmanagerError(_ message: String, status: HTTPResponse.Status) throws -> Response {
        try JSONResponse.make(message, status: status)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
