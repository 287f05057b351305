/// The whole of `steady.yml`, as the rest of Steady sees it once SteadyConfig has parsed and validated it.
public struct SteadyConfiguration: Sendable, Equatable {
    public var server: ServerSettings
    public var storage: StorageSettings
    public var auth: AuthSettings
    public var logging: LoggingSettings
    public var signals: SignalSettings
    public var services: [ServiceSpec]
    /// The Alertmanager-shaped sections (`route`, `receivers`, `inhibit_rules`, `time_intervals`, `global`), kept
    /// verbatim as YAML text too (for `/api/v2/status` and `steady routes test`).
    public var passthrough: [String: String]
    /// The alert pipeline's configuration; nil when the file has no `route` (Steady then uses a default receiver).
    public var alerting: AlertingConfiguration?
    /// `heartbeats:` — jobs that ping Steady; a silent one raises an alert.
    public var heartbeats: [HeartbeatSpec] = []
    /// `probes:` — HTTP/TCP checks with TLS expiry, the availability source for SLOs.
    public var probes: [ProbeSpec] = []
    /// `watchdog:` — Steady pings an external heartbeat URL so a dead Steady pages someone.
    public var watchdog: WatchdogSpec?

    public init(
        server: ServerSettings = .init(),
        storage: StorageSettings = .init(),
        auth: AuthSettings = .init(),
        logging: LoggingSettings = .init(),
        signals: SignalSettings = .init(),
        services: [ServiceSpec] = [],
        passthrough: [String: String] = [:]
    ) {
        self.server = server
        self.storage = storage
        self.auth = auth
        self.logging = logging
        self.signals = signals
        self.services = services
        self.passthrough = passthrough
    }

    public func service(named name: String) -> ServiceSpec? { services.first { $0.name == name } }
}

public struct ServerSettings: Sendable, Equatable {
    /// `host:port` to listen on. Loopback unless configured otherwise.
    public var listenHost: String
    public var listenPort: Int
    /// The URL users reach Steady at (links in notifications, printed by `demo`).
    public var externalURL: String?

    public init(listenHost: String = "127.0.0.1", listenPort: Int = 4040, externalURL: String? = nil) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.externalURL = externalURL
    }

    /// The external URL, or one built from the listen address (IPv6 hosts in brackets).
    public var baseURL: String {
        if let externalURL { return externalURL }
        let host = listenHost.contains(":") ? "[\(listenHost)]" : listenHost
        return "http://\(host):\(listenPort)"
    }
}

public struct StorageSettings: Sendable, Equatable {
    public enum Engine: Sendable, Equatable {
        /// Embedded SQLite at this path; `:memory:` keeps everything in memory.
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var engine: Engine
    /// How long 1-minute golden-signal rollups are kept.
    public var retention: Duration

    public init(engine: Engine = .sqlite(path: "./steady-data/steady.db"), retention: Duration = .seconds(30 * 86_400))
    {
        self.engine = engine
        self.retention = retention
    }
}

public struct AuthSettings: Sendable, Equatable {
    /// Whether requests without a token may read (GET) the API. Off by default; `steady demo` turns it on.
    public var anonymousRead: Bool
    /// Tokens declared in config (`${ENV}` interpolation keeps them out of the file); stored hashed only.
    public var tokens: [ConfiguredToken]

    public init(anonymousRead: Bool = false, tokens: [ConfiguredToken] = []) {
        self.anonymousRead = anonymousRead
        self.tokens = tokens
    }
}

public struct ConfiguredToken: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var secret: String

    public init(name: String, role: Role, secret: String) {
        self.name = name
        self.role = role
        self.secret = secret
    }
}

public struct LoggingSettings: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable, CaseIterable { case text, json }
    public var level: String
    public var format: Format

    public init(level: String = "info", format: Format = .text) {
        self.level = level
        self.format = format
    }
}

/// Global defaults for scraping and golden signals.
public struct SignalSettings: Sendable, Equatable {
    public var scrapeInterval: Duration
    public var scrapeTimeout: Duration

    public init(scrapeInterval: Duration = .seconds(15), scrapeTimeout: Duration = .seconds(10)) {
        self.scrapeInterval = scrapeInterval
        self.scrapeTimeout = scrapeTimeout
    }
}
