import Foundation
import HTTPTypes
import Hummingbird
import SteadyModel

/// Alertmanager API v2 silences, so `amtool silence add|query|expire` work against Steady.
extension RouteHandlers {
    /// `GET /api/v2/silences?filter=…`: Alertmanager's order (active by end, pending by start, expired newest end
    /// first) and filter semantics (a filter matcher must equal one of the silence's matchers).
    func getSilences(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        var filters: [LabelMatcher] = []
        for text in request.uri.queryParameters.getAll("filter") {
            guard let parsed = try? AlertMatcherParser.parse(String(text)) else {
                return try Self.alertmanagerError("bad matcher format: \(text)", status: .badRequest)
            }
            filters += parsed
        }
        let now = deps.clock.now
        let silences = await deps.alerting.silences().filter { SilenceFilter.matches($0, filters) }
        return try JSONResponse.make(SilenceFilter.sorted(silences, at: now).map { GettableSilenceBody($0, now: now) })
    }

    /// `GET /api/v2/silence/{id}`.
    func getSilence(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let silence = await deps.alerting.silences().first(where: { $0.id == id }) else {
            return Response(status: .notFound)
        }
        return try JSONResponse.make(GettableSilenceBody(silence, now: deps.clock.now))
    }

    /// `POST /api/v2/silences`: `{"silenceID": …}`, or Alertmanager's message as a JSON string (400/404).
    func postSilence(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 1 << 20)
        } catch {
            throw APIError.payloadTooLarge("a silence may be at most 1 MiB")
        }
        let body: PostableSilenceBody
        do {
            body = try JSONDecoder().decode(PostableSilenceBody.self, from: Data(buffer.readableBytesView))
        } catch {
            return try Self.alertmanagerError(
                "parsing silence body failed: \(Self.describe(error))", status: .badRequest)
        }
        guard let startsAt = Timestamp.parse(body.startsAt), let endsAt = Timestamp.parse(body.endsAt) else {
            return try Self.alertmanagerError("startsAt and endsAt must be RFC 3339 times", status: .badRequest)
        }
        var matchers: [LabelMatcher] = []
        for matcher in body.matchers {
            do {
                matchers.append(try matcher.matcher())
            } catch {
                return try Self.alertmanagerError(
                    "invalid silence: invalid label matcher \(matcher.name): \(error)", status: .badRequest)
            }
        }
        let silence = PostableSilence(
            id: body.id.flatMap { $0.isEmpty ? nil : $0 }, matchers: matchers, startsAt: startsAt, endsAt: endsAt,
            createdBy: body.createdBy, comment: body.comment)
        switch try await deps.alerting.saveSilence(silence) {
        case .saved(let id): return try JSONResponse.make(["silenceID": id])
        case .invalid(let message): return try Self.alertmanagerError(message, status: .badRequest)
        case .notFound(let message): return try Self.alertmanagerError(message, status: .notFound)
        }
    }

    /// `DELETE /api/v2/silence/{id}`: expires it now.
    func deleteSilence(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        switch try await deps.alerting.expireSilence(id) {
        case .saved: return Response(status: .ok)
        // Alertmanager 0.25 answers every failed expiry, an unknown id included, with 500 and its message.
        case .invalid(let message), .notFound(let message):
            return try Self.alertmanagerError(message, status: .internalServerError)
        }
    }
}
