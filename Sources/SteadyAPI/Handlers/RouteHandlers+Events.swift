import Hummingbird
import SteadyModel

/// Limits on events posted through the API.
enum EventLimits {
    static let kindLength = 64
    static let messageLength = 1000
    static let serviceLength = 128
    static let attributeCount = 20
    static let attributeKeyLength = 64
    static let attributeValueLength = 256
    static let defaultPageSize: Int64 = 100
    static let maximumPageSize: Int64 = 1000
    /// How far in the future a posted event may be stamped.
    static let futureSlack: Duration = .seconds(300)

    /// Dotted lower-case words: `deploy`, `annotation.note`, `deploy.canary_started`.
    static func isValidKind(_ kind: String) -> Bool {
        guard (1...kindLength).contains(kind.utf8.count) else { return false }
        return kind.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { word in
            !word.isEmpty
                && word.utf8.allSatisfy {
                    ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                        || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                        || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
                }
        }
    }
}

extension RouteHandlers {
    /// `GET /api/v1/events?from=&to=&service=&kind=&limit=&before=` — newest first. `kind` is an exact kind or a
    /// prefix ending in `.`; `limit` is 1…1000 (default 100); `before` is an event id for paging.
    func listEvents(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let from = try query.time("from")
        let to = try query.time("to")
        if let from, let to, from >= to { throw APIError.badRequest("from must be before to") }
        let kind = query.string("kind")
        if let kind, kind.utf8.count > EventLimits.kindLength {
            throw APIError.badRequest("kind must be at most \(EventLimits.kindLength) characters")
        }
        let limit = try query.integer("limit", in: 1...EventLimits.maximumPageSize) ?? EventLimits.defaultPageSize
        let before = try query.integer("before", in: 1...Int64.max)
        let events = try await deps.store.events(
            EventQuery(
                from: from, to: to, service: query.string("service"), kind: kind, limit: Int(limit), beforeID: before))
        let next = events.count == Int(limit) ? events.last?.id : nil
        return try JSONResponse.make(EventListBody(events: events.map(EventBody.init), nextBefore: next))
    }

    /// `POST /api/v1/events` (responder) — annotations and deploy markers. The author (the token's name) is recorded
    /// in the `author` attribute and cannot be set by the client.
    func createEvent(_ request: Request, _ context: SteadyRequestContext) async throws -> Response {
        let body = try await context.requestDecoder.decode(NewEventBody.self, from: request, context: context)
        let now = deps.clock.now
        let event = try Self.validate(body, author: context.caller.name ?? "anonymous", now: now)
        let stored = try await deps.store.appendEvent(event)
        return try JSONResponse.make(EventBody(stored), status: .created)
    }

    static func validate(_ body: NewEventBody, author: String, now: WallInstant) throws -> NewEvent {
        guard EventLimits.isValidKind(body.kind) else {
            throw APIError.badRequest(
                "kind must be 1–\(EventLimits.kindLength) characters of dotted lower-case words, e.g. deploy or annotation.note"
            )
        }
        let message = body.message.trimmingWhitespace()
        guard !message.isEmpty, message.count <= EventLimits.messageLength else {
            throw APIError.badRequest("message must be 1–\(EventLimits.messageLength) characters")
        }
        var severity = Event.Severity.info
        if let text = body.severity {
            guard let parsed = Event.Severity(rawValue: text) else {
                throw APIError.badRequest("severity must be one of info, warning, critical")
            }
            severity = parsed
        }
        var service: String?
        if let text = body.service?.trimmingWhitespace(), !text.isEmpty {
            guard text.count <= EventLimits.serviceLength else {
                throw APIError.badRequest("service must be at most \(EventLimits.serviceLength) characters")
            }
            service = text
        }
        var attributes = body.attributes ?? [:]
        guard attributes.count <= EventLimits.attributeCount else {
            throw APIError.badRequest("at most \(EventLimits.attributeCount) attributes")
        }
        for (key, value) in attributes {
            guard (1...EventLimits.attributeKeyLength).contains(key.count),
                value.count <= EventLimits.attributeValueLength
            else {
                throw APIError.badRequest(
                    "attribute names must be 1–\(EventLimits.attributeKeyLength) characters and values at most \(EventLimits.attributeValueLength)"
                )
            }
        }
        attributes["author"] = author
        var time = now
        if let text = body.time {
            guard let parsed = Timestamp.parse(text) else {
                throw APIError.badRequest("time: \"\(text)\" is neither RFC 3339 nor Unix seconds")
            }
            guard parsed <= now.advanced(by: EventLimits.futureSlack) else {
                throw APIError.badRequest("time must not be in the future")
            }
            time = parsed
        }
        return NewEvent(
            time: time, kind: body.kind, severity: severity, service: service, message: message, attributes: attributes)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
