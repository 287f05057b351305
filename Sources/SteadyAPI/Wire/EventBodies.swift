import SteadyModel

/// An event of the log.
struct EventBody: Codable, Sendable {
    var id: Int64
    var time: String
    var kind: String
    var severity: String
    var service: String?
    var message: String
    var attributes: [String: String]

    init(_ event: Event) {
        id = event.id
        time = Timestamp.format(event.time)
        kind = event.kind
        severity = event.severity.rawValue
        service = event.service
        message = event.message
        attributes = event.attributes
    }
}

/// `GET /api/v1/events`: newest first; pass `nextBefore` as `before` for the next page (absent on the last page).
struct EventListBody: Codable, Sendable {
    var events: [EventBody]
    var nextBefore: Int64?
}

/// `POST /api/v1/events`.
struct NewEventBody: Codable, Sendable {
    var kind: String
    var message: String
    var severity: String?
    var service: String?
    var attributes: [String: String]?
    /// RFC 3339 or Unix seconds; defaults to now.
    var time: String?
}
