public import Logging
import Synchronization

/// The admin fault switch: faults that make the demo service misbehave on purpose, for a bounded time.
///
/// Faults expire on their own after their time to live, measured on the injected clock, so a forgotten fault cannot
/// outlive a game day. Every change is logged at info.
///
/// ```swift
/// let faults = FaultSwitch(clock: ContinuousClock(), logger: logger)
/// try faults.set(FaultSettings(errorRatio: 1), ttl: .seconds(60))
/// faults.current()   // ActiveFaults(settings: …, ttl: 60s, remaining: …)
/// ```
public final class FaultSwitch<C: Clock>: Sendable where C.Duration == Duration {
    private struct Installed {
        var settings: FaultSettings
        var ttl: Duration
        var expiresAt: C.Instant
    }

    /// The time to live used when none is given (600 s unless configured).
    public let defaultTTL: Duration
    /// The longest accepted time to live (86 400 s unless configured).
    public let maximumTTL: Duration
    private let clock: C
    private let logger: Logger
    private let installed = Mutex<Installed?>(nil)

    public init(
        clock: C,
        logger: Logger,
        defaultTTL: Duration = .seconds(600),
        maximumTTL: Duration = .seconds(86_400)
    ) {
        self.clock = clock
        self.logger = logger
        self.maximumTTL = maximumTTL
        self.defaultTTL = min(defaultTTL, maximumTTL)
    }

    /// Replaces the active faults. Settings that change nothing clear the switch.
    @discardableResult
    public func set(_ settings: FaultSettings, ttl: Duration? = nil) throws(FaultError) -> ActiveFaults? {
        try settings.validate()
        let ttl = ttl ?? defaultTTL
        guard ttl > .zero, ttl <= maximumTTL else { throw .ttlOutOfRange(ttl, maximum: maximumTTL) }
        if settings.isNone {
            clear()
            return nil
        }
        let now = clock.now
        installed.withLock { $0 = Installed(settings: settings, ttl: ttl, expiresAt: now.advanced(by: ttl)) }
        logger.info(
            "fault switch set",
            metadata: [
                "fault.error_ratio": "\(settings.errorRatio)",
                "fault.added_latency_ms": "\(settings.addedLatencyMs)",
                "fault.down": "\(settings.down)",
                "fault.ttl_seconds": "\(ttl.secondsValue)",
            ]
        )
        return ActiveFaults(settings: settings, ttl: ttl, remaining: ttl)
    }

    /// Removes any active faults.
    public func clear() {
        let previous = installed.withLock { installed in
            defer { installed = nil }
            return installed
        }
        if previous != nil {
            logger.info("fault switch cleared")
        }
    }

    /// The active faults, or nil when none are installed or they have expired.
    public func current() -> ActiveFaults? {
        let now = clock.now
        let (active, expired) = installed.withLock { installed -> (ActiveFaults?, Bool) in
            guard let current = installed else { return (nil, false) }
            guard now < current.expiresAt else {
                installed = nil
                return (nil, true)
            }
            return (
                ActiveFaults(
                    settings: current.settings, ttl: current.ttl, remaining: now.duration(to: current.expiresAt)),
                false
            )
        }
        if expired {
            logger.info("fault switch expired")
        }
        return active
    }

    /// The active settings, or ``FaultSettings/none``.
    public var settings: FaultSettings { current()?.settings ?? .none }
}
