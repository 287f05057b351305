/// What the fault switch does to protected requests while it is active.
///
/// ```swift
/// let faults = HTTPFaults(errorRatio: 0.25, addedLatency: .milliseconds(200))
/// ```
public struct HTTPFaults: Sendable, Hashable {
    /// Share of requests (0…1) answered `500 injected_fault`.
    public var errorRatio: Double
    /// Delay added to every request before it runs.
    public var addedLatency: Duration
    /// When true, requests are answered `503 unavailable` (and a readiness check can report the outage).
    public var unavailable: Bool

    /// No faults.
    public static let none = HTTPFaults()

    /// Creates fault settings.
    ///
    /// ```swift
    /// let outage = HTTPFaults(unavailable: true)
    /// ```
    public init(errorRatio: Double = 0, addedLatency: Duration = .zero, unavailable: Bool = false) {
        self.errorRatio = errorRatio
        self.addedLatency = addedLatency
        self.unavailable = unavailable
    }

    /// True when these settings change nothing.
    public var isNone: Bool { self.errorRatio == 0 && self.addedLatency == .zero && !self.unavailable }
}

/// Bounds on what the fault switch accepts, so a game day cannot take a service down for longer or harder than
/// intended.
///
/// ```swift
/// let limits = HTTPFaultLimits(maximumErrorRatio: 0.5, maximumTTL: .seconds(900))
/// ```
public struct HTTPFaultLimits: Sendable, Hashable {
    /// Largest accepted ``HTTPFaults/errorRatio`` (at most 1).
    public var maximumErrorRatio: Double
    /// Largest accepted ``HTTPFaults/addedLatency``.
    public var maximumAddedLatency: Duration
    /// Time to live of faults set without one.
    public var defaultTTL: Duration
    /// Longest accepted time to live.
    public var maximumTTL: Duration

    /// Creates limits; the default TTL is capped at the maximum.
    ///
    /// ```swift
    /// let limits = HTTPFaultLimits()  // ratio ≤ 1, latency ≤ 60 s, TTL 600 s (≤ 86 400 s)
    /// ```
    public init(
        maximumErrorRatio: Double = 1,
        maximumAddedLatency: Duration = .seconds(60),
        defaultTTL: Duration = .seconds(600),
        maximumTTL: Duration = .seconds(86_400)
    ) {
        self.maximumErrorRatio = min(1, max(0, maximumErrorRatio))
        self.maximumAddedLatency = max(.zero, maximumAddedLatency)
        self.maximumTTL = max(.milliseconds(1), maximumTTL)
        self.defaultTTL = min(max(.milliseconds(1), defaultTTL), self.maximumTTL)
    }
}

/// Faults currently installed and how long they have left.
///
/// ```swift
/// if let active = faultSwitch.current() { print(active.remaining) }
/// ```
public struct ActiveHTTPFaults: Sendable, Hashable {
    /// The faults.
    public var faults: HTTPFaults
    /// The time to live they were installed with.
    public var ttl: Duration
    /// Time left before they expire on their own.
    public var remaining: Duration

    /// Creates a value.
    ///
    /// ```swift
    /// let active = ActiveHTTPFaults(faults: .init(unavailable: true), ttl: .seconds(60), remaining: .seconds(60))
    /// ```
    public init(faults: HTTPFaults, ttl: Duration, remaining: Duration) {
        self.faults = faults
        self.ttl = ttl
        self.remaining = remaining
    }
}
