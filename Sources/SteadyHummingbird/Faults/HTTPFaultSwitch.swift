public import Logging
import Synchronization

/// A switch that makes a service misbehave on purpose, for a bounded time: error ratio, added latency, outage.
///
/// Faults expire on their own after their time to live, measured on the injected clock, so a forgotten experiment
/// cannot outlive a game day; rates and durations are bounded by ``HTTPFaultLimits``. Every change is logged at info.
/// ``HTTPFaultMiddleware`` applies the switch to requests and ``FaultAdminRoutes`` exposes it over HTTP.
///
/// ```swift
/// let faults = HTTPFaultSwitch(clock: ContinuousClock(), logger: logger)
/// try faults.set(HTTPFaults(errorRatio: 0.1), ttl: .seconds(300))
/// ```
public final class HTTPFaultSwitch<C: Clock>: Sendable where C.Duration == Duration {
    private struct Installed {
        var faults: HTTPFaults
        var ttl: Duration
        var expiresAt: C.Instant
    }

    /// The bounds on accepted settings.
    public let limits: HTTPFaultLimits
    /// The clock that times expiry and added latency.
    public let clock: C
    private let logger: Logger
    private let installed = Mutex<Installed?>(nil)

    /// Creates an inactive switch.
    ///
    /// ```swift
    /// let faults = HTTPFaultSwitch(clock: clock, logger: logger, limits: .init(maximumTTL: .seconds(3600)))
    /// ```
    public init(clock: C, logger: Logger, limits: HTTPFaultLimits = .init()) {
        self.clock = clock
        self.logger = logger
        self.limits = limits
    }

    /// Checks settings and a time to live against the limits.
    ///
    /// ```swift
    /// try faults.validate(HTTPFaults(errorRatio: 0.5), ttl: .seconds(60))
    /// ```
    public func validate(_ faults: HTTPFaults, ttl: Duration?) throws(HTTPFaultError) {
        guard faults.errorRatio.isFinite, faults.errorRatio >= 0, faults.errorRatio <= self.limits.maximumErrorRatio
        else {
            throw .errorRatio(faults.errorRatio, maximum: self.limits.maximumErrorRatio)
        }
        guard faults.addedLatency >= .zero, faults.addedLatency <= self.limits.maximumAddedLatency else {
            throw .addedLatency(
                Self.milliseconds(faults.addedLatency), maximum: Self.milliseconds(self.limits.maximumAddedLatency))
        }
        if let ttl, !(ttl > .zero && ttl <= self.limits.maximumTTL) {
            throw .ttl(Self.seconds(ttl), maximum: self.limits.maximumTTL.components.seconds)
        }
    }

    /// Replaces the active faults for `ttl` (the default TTL when nil). Settings that change nothing clear the
    /// switch and return nil.
    ///
    /// ```swift
    /// try faults.set(HTTPFaults(unavailable: true), ttl: .seconds(60))
    /// ```
    @discardableResult
    public func set(_ faults: HTTPFaults, ttl: Duration? = nil) throws(HTTPFaultError) -> ActiveHTTPFaults? {
        try self.validate(faults, ttl: ttl)
        let ttl = ttl ?? self.limits.defaultTTL
        if faults.isNone {
            self.clear()
            return nil
        }
        let now = self.clock.now
        self.installed.withLock { $0 = Installed(faults: faults, ttl: ttl, expiresAt: now.advanced(by: ttl)) }
        self.logger.info(
            "fault switch set",
            metadata: [
                "fault.error_ratio": "\(faults.errorRatio)",
                "fault.added_latency_ms": "\(Self.milliseconds(faults.addedLatency))",
                "fault.unavailable": "\(faults.unavailable)",
                "fault.ttl_seconds": "\(Self.seconds(ttl))",
            ]
        )
        return ActiveHTTPFaults(faults: faults, ttl: ttl, remaining: ttl)
    }

    /// Removes any active faults.
    ///
    /// ```swift
    /// faults.clear()
    /// ```
    public func clear() {
        let previous = self.installed.withLock { installed in
            defer { installed = nil }
            return installed
        }
        if previous != nil {
            self.logger.info("fault switch cleared")
        }
    }

    /// The active faults, or nil when none are installed or they have expired.
    ///
    /// ```swift
    /// let active = faults.current()
    /// ```
    public func current() -> ActiveHTTPFaults? {
        let now = self.clock.now
        let (active, expired) = self.installed.withLock { installed -> (ActiveHTTPFaults?, Bool) in
            guard let current = installed else { return (nil, false) }
            guard now < current.expiresAt else {
                installed = nil
                return (nil, true)
            }
            return (
                ActiveHTTPFaults(
                    faults: current.faults, ttl: current.ttl, remaining: now.duration(to: current.expiresAt)),
                false
            )
        }
        if expired {
            self.logger.info("fault switch expired")
        }
        return active
    }

    /// The active settings, or ``HTTPFaults/none``.
    public var faults: HTTPFaults { self.current()?.faults ?? .none }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
