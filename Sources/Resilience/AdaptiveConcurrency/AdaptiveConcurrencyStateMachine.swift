/// The pure state of an adaptive concurrency limiter: in-flight count, limit algorithm and sample window.
///
/// Event methods return what the caller should do; the ``AdaptiveConcurrencyLimiter`` shell holds it in a mutex.
///
/// ```swift
/// var machine = AdaptiveConcurrencyStateMachine<ContinuousClock.Instant>(algorithm: .aimd(.init()))
/// if case .acquired(let inFlight) = machine.acquire() {
///     machine.release(.success, rtt: .milliseconds(4), inFlightAtStart: inFlight, now: .now)
/// }
/// ```
public struct AdaptiveConcurrencyStateMachine<Instant: InstantProtocol>: Sendable
where Instant.Duration == Duration {
    /// How a request that held a permit ended.
    ///
    /// ```swift
    /// machine.release(.dropped, rtt: .seconds(1), inFlightAtStart: 3, now: now)
    /// ```
    public enum Outcome: Sendable, Hashable {
        /// Completed normally: the RTT is a valid latency sample.
        case success
        /// Timed out or was rejected downstream because of overload: a congestion signal.
        case dropped
        /// Ended without a meaningful latency (cancelled, client error): the limit is not updated.
        case ignored
    }

    /// The decision for an acquisition.
    ///
    /// ```swift
    /// switch machine.acquire() { case .acquired: run(); case .rejected(let limit): reject(limit) }
    /// ```
    public enum AcquireAction: Sendable, Hashable {
        /// A slot was taken; `inFlight` counts this request.
        case acquired(inFlight: Int)
        /// The limit is reached.
        case rejected(limit: Int)
    }

    /// The limit algorithm's state.
    public private(set) var limitState: ConcurrencyLimit
    /// Requests holding a slot.
    public private(set) var inFlight: Int = 0
    /// The sampling policy.
    public let window: ConcurrencySampleWindow
    private var windowStart: Instant?
    private var windowCount = 0
    private var windowRTTSum: Duration = .zero
    private var windowMaxInFlight = 0
    private var windowDidDrop = false

    /// Creates a state machine with nothing in flight.
    ///
    /// ```swift
    /// let machine = AdaptiveConcurrencyStateMachine<ContinuousClock.Instant>(algorithm: .gradient(.init()))
    /// ```
    public init(algorithm: ConcurrencyLimitAlgorithm, window: ConcurrencySampleWindow = .init()) {
        self.limitState = ConcurrencyLimit(algorithm)
        self.window = window
    }

    /// The current limit.
    ///
    /// ```swift
    /// let free = machine.limit - machine.inFlight
    /// ```
    public var limit: Int { self.limitState.limit }

    /// Tries to take a slot.
    ///
    /// ```swift
    /// let action = machine.acquire()
    /// ```
    public mutating func acquire() -> AcquireAction {
        let limit = self.limit
        guard self.inFlight < limit else { return .rejected(limit: limit) }
        self.inFlight += 1
        return .acquired(inFlight: self.inFlight)
    }

    /// Returns a slot and feeds the sample; returns the (possibly new) limit.
    ///
    /// ```swift
    /// let limit = machine.release(.success, rtt: elapsed, inFlightAtStart: started, now: clock.now)
    /// ```
    @discardableResult
    public mutating func release(_ outcome: Outcome, rtt: Duration, inFlightAtStart: Int, now: Instant) -> Int {
        precondition(self.inFlight > 0, "release without a matching acquire")
        self.inFlight -= 1
        return self.record(outcome, rtt: rtt, inFlightAtStart: inFlightAtStart, now: now)
    }

    /// Feeds a sample without touching the in-flight count (for callers that count slots themselves).
    @discardableResult
    mutating func record(_ outcome: Outcome, rtt: Duration, inFlightAtStart: Int, now: Instant) -> Int {
        guard outcome != .ignored else { return self.limit }
        if self.window.minSamples == 1 && self.window.minDuration == .zero {
            return self.limitState.update(rtt: rtt, inFlight: inFlightAtStart, didDrop: outcome == .dropped)
        }
        if self.windowStart == nil { self.windowStart = now }
        self.windowCount += 1
        self.windowRTTSum += rtt
        self.windowMaxInFlight = max(self.windowMaxInFlight, inFlightAtStart)
        self.windowDidDrop = self.windowDidDrop || outcome == .dropped
        guard let start = self.windowStart, self.windowCount >= self.window.minSamples,
            start.duration(to: now) >= self.window.minDuration
        else { return self.limit }
        let average = self.windowRTTSum / self.windowCount
        let limit = self.limitState.update(rtt: average, inFlight: self.windowMaxInFlight, didDrop: self.windowDidDrop)
        self.windowStart = nil
        self.windowCount = 0
        self.windowRTTSum = .zero
        self.windowMaxInFlight = 0
        self.windowDidDrop = false
        return limit
    }
}
