/// One entry of the event log — the timeline every component writes to (target down, config reloaded, alert
/// fired, page sent, deploy, fault injected…). Incidents, postmortems and game days read it back.
public struct Event: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var time: WallInstant
    /// Dotted kind, e.g. `target.down`, `config.reloaded`, `steady.started`.
    public var kind: String
    public var severity: Severity
    public var service: String?
    public var message: String
    public var attributes: [String: String]

    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        case info, warning, critical

        private var rank: Int { Severity.allCases.firstIndex(of: self)! }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public init(
        id: Int64,
        time: WallInstant,
        kind: String,
        severity: Severity = .info,
        service: String? = nil,
        message: String,
        attributes: [String: String] = [:]
    ) {
        self.id = id
        self.time = time
        self.kind = kind
        self.severity = severity
        self.service = service
        self.message = message
        self.attributes = attributes
    }
}

/// An event before the store gives it an id.
public struct NewEvent: Sendable, Equatable {
    public var time: WallInstant
    public var kind: String
    public var severity: Event.Severity
    public var service: String?
    public var message: String
    public var attributes: [String: String]

    public init(
        time: WallInstant,
        kind: String,
        severity: Event.Severity = .info,
        service: String? = nil,
        message: String,
        attributes: [String: String] = [:]
    ) {
        self.time = time
        self.kind = kind
        self.severity = severity
        self.service = service
        self.message = message
        self.attributes = attributes
    }
}

/// Filters for reading the event log; results are newest first.
public struct EventQuery: Sendable, Equatable {
    public var from: WallInstant?
    public var to: WallInstant?
    public var service: String?
    /// Exact kind, or a prefix ending in `.` (e.g. `target.`).
    public var kind: String?
    public var limit: Int
    /// Only events with an id lower than this (for paging).
    public var beforeID: Int64?

    public init(
        from: WallInstant? = nil,
        to: WallInstant? = nil,
        service: String? = nil,
        kind: String? = nil,
        limit: Int = 100,
        beforeID: Int64? = nil
    ) {
        self.from = from
        self.to = to
        self.service = service
        self.kind = kind
        self.limit = limit
        self.beforeID = beforeID
    }
}
