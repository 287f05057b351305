public import SteadyModel

/// What the API needs from the alert pipeline (wired by the server).
public struct AlertAccess: Sendable {
    /// An alert with its pipeline state, as `GET /api/v2/alerts` lists it.
    public struct AlertState: Sendable {
        public var alert: Alert
        public var receivers: [String]
        public var silencedBy: [String]
        public var inhibitedBy: [String]

        public init(alert: Alert, receivers: [String], silencedBy: [String], inhibitedBy: [String]) {
            self.alert = alert
            self.receivers = receivers
            self.silencedBy = silencedBy
            self.inhibitedBy = inhibitedBy
        }
    }

    /// An aggregation group (`GET /api/v2/alerts/groups`).
    public struct Group: Sendable {
        public var labels: Labels
        public var receiver: String
        public var alerts: [AlertState]

        public init(labels: Labels, receiver: String, alerts: [AlertState]) {
            self.labels = labels
            self.receiver = receiver
            self.alerts = alerts
        }
    }

    /// The result of a PagerDuty event: its dedup key, or PagerDuty-style validation errors.
    public enum PagerDutyOutcome: Sendable, Equatable {
        case accepted(dedupKey: String)
        case invalid([String])
    }

    /// The result of creating, updating or expiring a silence.
    public enum SilenceOutcome: Sendable, Equatable {
        case saved(id: String)
        /// Alertmanager's validation message (400).
        case invalid(String)
        case notFound(String)
    }

    /// Validates and stores alerts (durably); returns Alertmanager's joined validation message when some were
    /// rejected (the valid ones are kept).
    public var post: @Sendable (_ alerts: [PostableAlert]) async throws -> String?
    /// Applies a PagerDuty Events v2 event on behalf of `caller`: the dedup key, or validation errors.
    public var pagerDuty: @Sendable (_ event: PagerDutyEvent, _ caller: String) async throws -> PagerDutyOutcome
    /// Every alert Steady holds, with its state.
    public var alerts: @Sendable () async -> [AlertState]
    public var groups: @Sendable () async -> [Group]
    /// Every silence Steady holds (pending, active and recently expired).
    public var silences: @Sendable () async -> [Silence]
    /// Creates or updates a silence (Alertmanager's rules: a changed active silence is expired and replaced).
    public var saveSilence: @Sendable (_ silence: PostableSilence) async throws -> SilenceOutcome
    /// Expires a silence now.
    public var expireSilence: @Sendable (_ id: String) async throws -> SilenceOutcome
    /// Receiver names, in configuration order.
    public var receivers: @Sendable () async -> [String]
    /// The alerting configuration as YAML (for `/api/v2/status`).
    public var configYAML: @Sendable () -> String

    public init(
        post: @escaping @Sendable (_ alerts: [PostableAlert]) async throws -> String?,
        pagerDuty:
            @escaping @Sendable (_ event: PagerDutyEvent, _ caller: String) async throws -> PagerDutyOutcome,
        alerts: @escaping @Sendable () async -> [AlertState],
        groups: @escaping @Sendable () async -> [Group],
        silences: @escaping @Sendable () async -> [Silence] = { [] },
        saveSilence: @escaping @Sendable (_ silence: PostableSilence) async throws -> SilenceOutcome = { _ in
            .invalid("silences are not available")
        },
        expireSilence: @escaping @Sendable (_ id: String) async throws -> SilenceOutcome = { id in
            .notFound("silence \(id) not found")
        },
        receivers: @escaping @Sendable () async -> [String],
        configYAML: @escaping @Sendable () -> String
    ) {
        self.post = post
        self.pagerDuty = pagerDuty
        self.alerts = alerts
        self.groups = groups
        self.silences = silences
        self.saveSilence = saveSilence
        self.expireSilence = expireSilence
        self.receivers = receivers
        self.configYAML = configYAML
    }

    /// No pipeline: intake answers 503.
    public static let none = AlertAccess(
        post: { _ in throw APIError.notReady("the alert pipeline is not running") },
        pagerDuty: { _, _ in throw APIError.notReady("the alert pipeline is not running") }, alerts: { [] },
        groups: { [] }, receivers: { [] }, configYAML: { "" })
}
