public import Logging
public import SteadyHummingbird

/// The admin fault switch: faults that make the demo service misbehave on purpose, for a bounded time.
///
/// A thin layer over SteadyHummingbird's ``HTTPFaultSwitch`` (which the `/admin/faults` routes and the fault
/// middleware use), speaking the demo's ``FaultSettings``. Faults expire on their own after their time to live,
/// measured on the injected clock, so a forgotten fault cannot outlive a game day. Every change is logged at info.
///
/// ```swift
/// let faults = FaultSwitch(clock: ContinuousClock(), logger: logger)
/// try faults.set(FaultSettings(errorRatio: 1), ttl: .seconds(60))
/// faults.current()   // ActiveFaults(settings: …, ttl: 60s, remaining: …)
/// ```
public final class FaultSwitch<C: Clock>: Sendable where C.Duration == Duration {
    /// The time to live used when none is given (600 s unless configured).
    public var defaultTTL: Duration { control.limits.defaultTTL }
    /// The longest accepted time to live (86 400 s unless configured).
    public var maximumTTL: Duration { control.limits.maximumTTL }
    /// The switch the HTTP routes and middleware use.
    public let control: HTTPFaultSwitch<C>

    public init(
        clock: C,
        logger: Logger,
        defaultTTL: Duration = .seconds(600),
        maximumTTL: Duration = .seconds(86_400)
    ) {
        control = HTTPFaultSwitch(
            clock: clock,
            logger: logger,
            limits: HTTPFaultLimits(
                maximumErrorRatio: 1,
                maximumAddedLatency: .milliseconds(FaultSettings.maximumAddedLatencyMs),
                defaultTTL: defaultTTL,
                maximumTTL: maximumTTL
            )
        )
    }

    /// Replaces the active faults. Settings that change nothing clear the switch.
    @discardableResult
    public func set(_ settings: FaultSettings, ttl: Duration? = nil) throws(FaultError) -> ActiveFaults? {
        try settings.validate()
        if let ttl, !(ttl > .zero && ttl <= maximumTTL) { throw .ttlOutOfRange(ttl, maximum: maximumTTL) }
        do {
            return try control.set(settings.httpFaults, ttl: ttl).map(ActiveFaults.init)
        } catch {
            throw .invalidBody(error.message)
        }
    }

    /// Removes any active faults.
    public func clear() {
        control.clear()
    }

    /// The active faults, or nil when none are installed or they have expired.
    public func current() -> ActiveFaults? {
        control.current().map(ActiveFaults.init)
    }

    /// The active settings, or ``FaultSettings/none``.
    public var settings: FaultSettings { current()?.settings ?? .none }
}

extension FaultSettings {
    /// The same faults in SteadyHummingbird's terms.
    var httpFaults: HTTPFaults {
        HTTPFaults(errorRatio: errorRatio, addedLatency: .milliseconds(addedLatencyMs), unavailable: down)
    }

    init(_ faults: HTTPFaults) {
        let (seconds, attoseconds) = faults.addedLatency.components
        self.init(
            errorRatio: faults.errorRatio,
            addedLatencyMs: Int(seconds * 1000 + attoseconds / 1_000_000_000_000_000),
            down: faults.unavailable
        )
    }
}

extension ActiveFaults {
    init(_ active: ActiveHTTPFaults) {
        self.init(settings: FaultSettings(active.faults), ttl: active.ttl, remaining: active.remaining)
    }
}
