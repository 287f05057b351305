import Hummingbird
import SteadyModel

extension RouteHandlers {
    static let convertBodyLimit = 1 << 20

    /// `GET /api/v1/slos?service=`.
    func listSLOs(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        var statuses = await deps.slo.statuses()
        if let service = QueryParameters(request).string("service") {
            statuses = statuses.filter { $0.service == service }
        }
        return try JSONResponse.make(SLOListBody(slos: statuses))
    }

    /// `GET /api/v1/slos/{service}/{name}`.
    func sloDetail(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        try JSONResponse.make(try await sloStatus(context))
    }

    /// `GET /api/v1/slos/{service}/{name}/gate`: always 200; `allowed` says whether deploys may proceed.
    func sloGate(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let status = try await sloStatus(context)
        return try JSONResponse.make(
            SLOGateBody(
                slo: status.slo, allowed: status.gate.allowed, reason: status.gate.reason,
                freezeBelow: status.gate.freezeBelow, remainingRatio: status.gate.remainingRatio,
                evaluatedAt: Timestamp.format(status.evaluatedAt)))
    }

    /// `GET /api/v1/slos/{service}/{name}/series?from=&to=&step=` (defaults: the last 24 hours in 10-minute steps).
    func sloSeries(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let id = try sloID(context)
        let query = QueryParameters(request)
        let now = deps.clock.now
        let to = try query.time("to") ?? now
        let range = try SignalQuery(
            from: try query.time("from") ?? to.advanced(by: .seconds(-86_400)), to: to,
            step: try query.duration("step") ?? .seconds(600), now: now)
        guard range.from.duration(to: range.to) <= .seconds(31 * 86_400) else {
            throw APIError.badRequest("the range may span at most 31 days")
        }
        guard let series = try await deps.slo.series(id, range.from, range.to, range.step) else {
            throw APIError.notFound("SLO \"\(id)\" not found")
        }
        return try JSONResponse.make(series)
    }

    /// `GET /api/v1/slos/rules?naming=steady|sloth`: Prometheus rule file (YAML).
    func sloRules(_ request: Request, _ context: SteadyRequestContext) throws -> Response {
        let naming = QueryParameters(request).string("naming") ?? "steady"
        guard naming == "steady" || naming == "sloth" else {
            throw APIError.badRequest("naming must be steady or sloth (got \"\(naming)\")")
        }
        return TextResponse.text(try deps.slo.rules(naming == "sloth"), contentType: "application/yaml; charset=utf-8")
    }

    /// `GET /api/v1/slos/openslo`: every SLO as OpenSLO v1 (YAML).
    func sloOpenSLO(_ request: Request, _ context: SteadyRequestContext) throws -> Response {
        TextResponse.text(try deps.slo.openSLO(), contentType: "application/yaml; charset=utf-8")
    }

    /// `POST /api/v1/slos/convert?filename=`: a Sloth, OpenSLO or Pyrra document in, Steady's `services:` YAML out.
    /// Converts only; nothing is stored.
    func sloConvert(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.convertBodyLimit)
        } catch {
            throw APIError.payloadTooLarge("the document may be at most 1 MiB")
        }
        let text = String(buffer: buffer)
        let name = QueryParameters(request).string("filename") ?? "request body"
        do {
            return TextResponse.text(try deps.slo.convert(text, name), contentType: "application/yaml; charset=utf-8")
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("\(error)")
        }
    }

    private func sloID(_ context: SteadyRequestContext) throws -> String {
        "\(try context.pathParameter("service"))/\(try context.pathParameter("name"))"
    }

    private func sloStatus(_ context: SteadyRequestContext) async throws -> SLOStatus {
        let id = try sloID(context)
        guard let status = await deps.slo.statuses().first(where: { $0.slo == id }) else {
            throw APIError.notFound("SLO \"\(id)\" not found")
        }
        return status
    }
}

/// `GET /api/v1/slos`.
struct SLOListBody: Encodable {
    var slos: [SLOStatus]
}

/// `GET /api/v1/slos/{service}/{name}/gate`.
struct SLOGateBody: Codable {
    var slo: String
    var allowed: Bool
    var reason: String
    var freezeBelow: Double?
    var remainingRatio: Double?
    var evaluatedAt: String

    enum CodingKeys: String, CodingKey {
        case slo, allowed, reason
        case freezeBelow = "freeze_below"
        case remainingRatio = "remaining_ratio"
        case evaluatedAt = "evaluated_at"
    }
}
