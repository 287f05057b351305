public import SteadyModel

/// What the API needs from heartbeats and probes (wired by the server to SteadyProbes).
///
/// ```swift
/// deps.heartbeats = HeartbeatAccess(
///     ping: { ping in try await registry.ping(ping) },
///     heartbeats: { registry.statuses() },
///     probes: { probeService.statuses() })
/// ```
public struct HeartbeatAccess: Sendable {
    /// Applies a ping; false when no heartbeat has the UUID (the route answers 404 `not found`). Throws when the
    /// ping could not be stored.
    public var ping: @Sendable (_ ping: HeartbeatPing) async throws -> Bool
    /// Every heartbeat's status, in configuration order.
    public var heartbeats: @Sendable () async -> [HeartbeatStatus]
    /// Every probe's latest status, in configuration order.
    public var probes: @Sendable () async -> [ProbeStatus]

    public init(
        ping: @escaping @Sendable (_ ping: HeartbeatPing) async throws -> Bool,
        heartbeats: @escaping @Sendable () async -> [HeartbeatStatus],
        probes: @escaping @Sendable () async -> [ProbeStatus]
    ) {
        self.ping = ping
        self.heartbeats = heartbeats
        self.probes = probes
    }

    /// No heartbeats or probes: every ping answers 404, the lists are empty.
    public static let none = HeartbeatAccess(ping: { _ in false }, heartbeats: { [] }, probes: { [] })
}
