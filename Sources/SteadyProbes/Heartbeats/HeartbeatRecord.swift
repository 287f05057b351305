public import SteadyModel

/// The durable part of a heartbeat: what its pings said. Everything else (state, deadlines, alerts) is derived
/// from this, the spec and the current time, so restoring it after a restart restores the monitor.
public struct HeartbeatRecord: Sendable, Equatable, Codable {
    /// The last ping of any kind.
    public var lastPing: WallInstant?
    public var lastPingKind: String?
    public var lastSuccess: WallInstant?
    public var lastFailure: WallInstant?
    /// The first failure of the current run of failures (cleared by a success).
    public var failingSince: WallInstant?
    public var lastExitStatus: Int?
    /// The start of an open run (a start ping not yet followed by a success or failure).
    public var startedAt: WallInstant?
    public var lastDurationNanoseconds: Int64?
    /// The last ping's body; kept in memory only (not persisted).
    public var lastMessage: String?

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case lastPing = "last_ping"
        case lastPingKind = "last_ping_kind"
        case lastSuccess = "last_success"
        case lastFailure = "last_failure"
        case failingSince = "failing_since"
        case lastExitStatus = "last_exit_status"
        case startedAt = "started_at"
        case lastDurationNanoseconds = "last_duration_ns"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func instant(_ key: CodingKeys) throws -> WallInstant? {
            try container.decodeIfPresent(Int64.self, forKey: key).map { WallInstant(nanosecondsSinceEpoch: $0) }
        }
        lastPing = try instant(.lastPing)
        lastPingKind = try container.decodeIfPresent(String.self, forKey: .lastPingKind)
        lastSuccess = try instant(.lastSuccess)
        lastFailure = try instant(.lastFailure)
        failingSince = try instant(.failingSince)
        lastExitStatus = try container.decodeIfPresent(Int.self, forKey: .lastExitStatus)
        startedAt = try instant(.startedAt)
        lastDurationNanoseconds = try container.decodeIfPresent(Int64.self, forKey: .lastDurationNanoseconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(lastPing?.nanosecondsSinceEpoch, forKey: .lastPing)
        try container.encodeIfPresent(lastPingKind, forKey: .lastPingKind)
        try container.encodeIfPresent(lastSuccess?.nanosecondsSinceEpoch, forKey: .lastSuccess)
        try container.encodeIfPresent(lastFailure?.nanosecondsSinceEpoch, forKey: .lastFailure)
        try container.encodeIfPresent(failingSince?.nanosecondsSinceEpoch, forKey: .failingSince)
        try container.encodeIfPresent(lastExitStatus, forKey: .lastExitStatus)
        try container.encodeIfPresent(startedAt?.nanosecondsSinceEpoch, forKey: .startedAt)
        try container.encodeIfPresent(lastDurationNanoseconds, forKey: .lastDurationNanoseconds)
    }

    /// Whether the last completed run failed (a failure ping after the last success).
    var lastRunFailed: Bool {
        guard let lastFailure else { return false }
        guard let lastSuccess else { return true }
        return lastFailure > lastSuccess
    }

    /// Applies a ping received at `now`.
    mutating func apply(_ kind: HeartbeatPing.Kind, at now: WallInstant, body: String?) {
        lastPing = now
        lastPingKind = kind.description
        lastMessage = body
        switch kind {
        case .start:
            startedAt = now
        case .success, .failure:
            if let startedAt { lastDurationNanoseconds = startedAt.duration(to: now).nanoseconds }
            startedAt = nil
            if case .failure(let status) = kind {
                if !lastRunFailed { failingSince = now }
                lastFailure = now
                lastExitStatus = status
            } else {
                lastSuccess = now
                lastExitStatus = nil
                failingSince = nil
            }
        }
    }
}
