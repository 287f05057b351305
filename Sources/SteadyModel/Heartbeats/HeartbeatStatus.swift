/// A heartbeat as the API shows it (`GET /api/v1/heartbeats`).
public struct HeartbeatStatus: Sendable, Equatable, Codable {
    /// Healthchecks' state names, plus `started` while a run is open.
    public enum State: String, Sendable, Equatable, Codable, CaseIterable {
        /// Never pinged: no alert until the first ping.
        case new
        case up
        /// A run has started and not yet finished (still within its grace time).
        case started
        /// The expected ping is overdue but the grace time has not run out.
        case late
        /// Overdue past grace, or the last run failed.
        case down
    }

    public var name: String
    public var uuid: String
    public var state: State
    /// `period 1h` or `cron "30 2 * * *" Europe/Berlin`.
    public var schedule: String
    public var graceSeconds: Double
    public var lastPing: WallInstant?
    /// `success`, `start`, `fail` or `exit status N`.
    public var lastPingKind: String?
    public var lastSuccess: WallInstant?
    /// When the next success ping is due (nil for a new check or one that failed).
    public var nextExpected: WallInstant?
    /// The duration of the last run that sent a start ping, in seconds.
    public var lastDurationSeconds: Double?
    /// The body of the last ping, if it had one.
    public var lastMessage: String?
    public var labels: Labels

    public init(
        name: String, uuid: String, state: State, schedule: String, graceSeconds: Double, lastPing: WallInstant?,
        lastPingKind: String?, lastSuccess: WallInstant?, nextExpected: WallInstant?, lastDurationSeconds: Double?,
        lastMessage: String?, labels: Labels
    ) {
        self.name = name
        self.uuid = uuid
        self.state = state
        self.schedule = schedule
        self.graceSeconds = graceSeconds
        self.lastPing = lastPing
        self.lastPingKind = lastPingKind
        self.lastSuccess = lastSuccess
        self.nextExpected = nextExpected
        self.lastDurationSeconds = lastDurationSeconds
        self.lastMessage = lastMessage
        self.labels = labels
    }
}
