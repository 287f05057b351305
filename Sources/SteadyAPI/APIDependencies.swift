public import SteadyModel

/// Everything the HTTP API needs from the rest of Steady. SteadyAPI imports no other feature module: the server
/// wires the store, the live scrape state and the golden-signal engine in through these closures.
///
/// ```swift
/// let deps = APIDependencies(
///     store: store, clock: SystemWallClock(),
///     services: { configuration.services }, targets: { scrapeManager.health },
///     signals: { try await engine.series(service: $0, from: $1, to: $2, step: $3) },
///     currentSignals: { try await engine.current(service: $0) },
///     reload: { try await server.reload() }, isReady: { true }, anonymousRead: { false },
///     metricsText: { registry.exposition() }, version: "0.1.0")
/// let router = buildRouter(deps, logger: logger)
/// ```
public struct APIDependencies: Sendable {
    /// Tokens and the event log.
    public var store: any SteadyStore
    /// Stamps events and token times; measures uptime.
    public var clock: any WallClock
    /// The services of the current configuration (changes on reload).
    public var services: @Sendable () -> [ServiceSpec]
    /// Live scrape health of every target.
    public var targets: @Sendable () -> [TargetHealth]
    /// Golden signals of `service` per `step` over `[start, end)`, oldest first.
    public var signals:
        @Sendable (_ service: String, _ start: WallInstant, _ end: WallInstant, _ step: Duration) async throws ->
            [GoldenSignals]
    /// The service's signals "now" (e.g. over the last 5 minutes); nil when nothing is known yet.
    public var currentSignals: @Sendable (_ service: String) async throws -> GoldenSignals?
    /// Reloads the configuration; returns a human message, throws (with a readable description) on a bad config.
    public var reload: @Sendable () async throws -> String
    /// Whether the server is ready to serve (`/-/ready`).
    public var isReady: @Sendable () -> Bool
    /// Whether requests without a token may read (viewer routes).
    public var anonymousRead: @Sendable () -> Bool
    /// Self-monitoring metrics in the Prometheus text format, served without authentication at `GET /metrics`.
    /// Must not contain secrets.
    public var metricsText: @Sendable () -> String
    /// Steady's version, reported by `/api/v1/status`.
    public var version: String
    /// The SLO engine (statuses, series, rule export, format conversion).
    public var slo: SLOAccess = .none
    /// The alert pipeline (Alertmanager API v2).
    public var alerting: AlertAccess = .none
    /// Heartbeat pings and the heartbeat and probe lists.
    public var heartbeats: HeartbeatAccess = .none
    /// Recurring maintenance windows.
    public var maintenance: MaintenanceAccess = .none

    public init(
        store: any SteadyStore,
        clock: any WallClock,
        services: @escaping @Sendable () -> [ServiceSpec],
        targets: @escaping @Sendable () -> [TargetHealth],
        signals:
            @escaping @Sendable (_ service: String, _ start: WallInstant, _ end: WallInstant, _ step: Duration)
            async throws -> [GoldenSignals],
        currentSignals: @escaping @Sendable (_ service: String) async throws -> GoldenSignals?,
        reload: @escaping @Sendable () async throws -> String,
        isReady: @escaping @Sendable () -> Bool,
        anonymousRead: @escaping @Sendable () -> Bool,
        metricsText: @escaping @Sendable () -> String,
        version: String
    ) {
        self.store = store
        self.clock = clock
        self.services = services
        self.targets = targets
        self.signals = signals
        self.currentSignals = currentSignals
        self.reload = reload
        self.isReady = isReady
        self.anonymousRead = anonymousRead
        self.metricsText = metricsText
        self.version = version
    }
}
