/// Steady's dead man's switch: an external heartbeat URL (Healthchecks, Dead Man's Snitch, another Steady) that
/// Steady requests every `interval`, so the receiver pages someone when Steady itself stops.
///
/// ```swift
/// let watchdog = WatchdogSpec(url: "https://hc-ping.com/5b4c3e1a-…", interval: .seconds(60))
/// ```
public struct WatchdogSpec: Sendable, Equatable {
    public var url: String
    public var interval: Duration
    public var timeout: Duration
    /// `GET`, `HEAD` or `POST`.
    public var method: String

    public init(
        url: String, interval: Duration = .seconds(60), timeout: Duration = .seconds(10), method: String = "GET"
    ) {
        self.url = url
        self.interval = interval
        self.timeout = timeout
        self.method = method
    }
}
