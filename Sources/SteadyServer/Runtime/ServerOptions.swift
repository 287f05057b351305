public import Logging
public import ServiceLifecycle
public import SteadyModel
public import SteadyScrape

/// How to run a Steady server beyond what `steady.yml` says.
public struct ServerOptions: Sendable {
    /// The file the configuration came from; reload (SIGHUP, `POST /-/reload`) reads it again.
    public var configPath: String?
    public var clock: any WallClock
    /// Replaces HTTP scraping (tests).
    public var fetcher: (any ScrapeFetcher)?
    /// Services run alongside Steady in its ServiceGroup (the demo service and traffic generator), started
    /// after Steady's own and stopped before them.
    public var companions: [ServiceGroupConfiguration.ServiceConfiguration]
    /// Called once the HTTP listener is bound, with the actual port (useful with port 0).
    public var onListening: @Sendable (Int) async -> Void
    /// Listen for SIGINT/SIGTERM (graceful shutdown) and SIGHUP (reload). Off in tests.
    public var handleSignals: Bool
    public var version: String
    /// How often every SLO is evaluated besides on each new bucket (no-data alerts, calendar resets).
    public var sloEvaluationInterval: Duration

    public init(
        configPath: String? = nil,
        clock: any WallClock = SystemWallClock(),
        fetcher: (any ScrapeFetcher)? = nil,
        companions: [ServiceGroupConfiguration.ServiceConfiguration] = [],
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        handleSignals: Bool = false,
        version: String = SteadyVersion.current,
        sloEvaluationInterval: Duration = .seconds(15)
    ) {
        self.sloEvaluationInterval = sloEvaluationInterval
        self.configPath = configPath
        self.clock = clock
        self.fetcher = fetcher
        self.companions = companions
        self.onListening = onListening
        self.handleSignals = handleSignals
        self.version = version
    }
}

/// Steady's version string.
public enum SteadyVersion {
    public static let current = "0.1.0"
}
