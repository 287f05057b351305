/// Controlled-delay (CoDel) overload detection for request queues, as used by Facebook's servers ("Fail at Scale").
///
/// Every dequeued request reports how long it waited. When an `interval` ends, the queue is *overloaded* if the
/// minimum delay seen during that interval exceeded `target` — a standing queue that never drained. While
/// overloaded, requests that waited longer than `sloughTimeout` (2 × target by default) are dropped, and new
/// requests get the short ``queueTimeout`` instead of the long one. The first request of an interval is never
/// dropped, so more than one request must arrive before CoDel acts.
///
/// ```swift
/// var codel = CoDelStateMachine<ContinuousClock.Instant>(configuration: .init())
/// if codel.dequeue(delay: waited, now: clock.now) == .drop { fail(request) }
/// ```
public struct CoDelStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// CoDel settings; defaults are Facebook's 5 ms target and 100 ms interval.
    ///
    /// ```swift
    /// let configuration = CoDelStateMachine<ContinuousClock.Instant>.Configuration(target: .milliseconds(10))
    /// ```
    public struct Configuration: Sendable, Equatable {
        /// Acceptable standing queueing delay.
        public var target: Duration
        /// How long the minimum delay must stay above `target` before the queue counts as overloaded.
        public var interval: Duration
        /// While overloaded, requests that waited longer than this are dropped (default 2 × target).
        public var sloughTimeout: Duration
        /// Queue timeout for requests that arrive while the queue is healthy (default: `interval`).
        public var longTimeout: Duration

        /// Creates a configuration.
        ///
        /// ```swift
        /// let configuration = CoDelStateMachine<ContinuousClock.Instant>.Configuration(
        ///     target: .milliseconds(5), interval: .milliseconds(100))
        /// ```
        public init(
            target: Duration = .milliseconds(5),
            interval: Duration = .milliseconds(100),
            sloughTimeout: Duration? = nil,
            longTimeout: Duration? = nil
        ) {
            precondition(target > .zero && interval > .zero, "target and interval must be positive")
            self.target = target
            self.interval = interval
            self.sloughTimeout = sloughTimeout ?? target * 2
            self.longTimeout = longTimeout ?? interval
        }
    }

    /// What to do with a dequeued request.
    ///
    /// ```swift
    /// switch codel.dequeue(delay: d, now: now) { case .serve: run(); case .drop: reject() }
    /// ```
    public enum Decision: Sendable, Hashable {
        /// Serve the request.
        case serve
        /// Drop it: the queue is overloaded and it waited too long.
        case drop
    }

    /// The settings.
    public let configuration: Configuration
    /// Whether the last completed interval saw a standing queue.
    public private(set) var isOverloaded = false
    private var intervalEnd: Instant?
    private var minDelay: Duration?

    /// Creates a healthy (not overloaded) state.
    ///
    /// ```swift
    /// let codel = CoDelStateMachine<ContinuousClock.Instant>(configuration: .init())
    /// ```
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// The timeout for a request enqueued now: `sloughTimeout` while overloaded, `longTimeout` otherwise.
    ///
    /// ```swift
    /// let deadline = clock.now.advanced(by: codel.queueTimeout)
    /// ```
    public var queueTimeout: Duration {
        self.isOverloaded ? self.configuration.sloughTimeout : self.configuration.longTimeout
    }

    /// Reports a request leaving the queue after waiting `delay`; returns whether to serve or drop it.
    ///
    /// ```swift
    /// let decision = codel.dequeue(delay: enqueuedAt.duration(to: now), now: now)
    /// ```
    public mutating func dequeue(delay: Duration, now: Instant) -> Decision {
        guard let end = self.intervalEnd, let minimum = self.minDelay else {
            self.intervalEnd = now.advanced(by: self.configuration.interval)
            self.minDelay = delay
            return .serve
        }
        if now >= end {
            self.isOverloaded = minimum > self.configuration.target
            self.intervalEnd = now.advanced(by: self.configuration.interval)
            self.minDelay = delay
            return .serve
        }
        if delay < minimum { self.minDelay = delay }
        return self.isOverloaded && delay > self.configuration.sloughTimeout ? .drop : .serve
    }
}
