/// A slot in an ``AdaptiveConcurrencyLimiter``, returned exactly once.
///
/// The permit cannot be copied. Calling `success()`, `dropped()` or `ignored()` consumes it and reports the RTT
/// measured since acquisition; a permit that is simply dropped reports `ignored`.
///
/// ```swift
/// let permit = try limiter.acquire()
/// let reply = try await call()
/// permit.success()
/// ```
public struct AdaptiveConcurrencyPermit<C: Clock>: ~Copyable, Sendable where C.Duration == Duration {
    private let limiter: AdaptiveConcurrencyLimiter<C>
    /// When the permit was acquired, on the limiter's clock.
    public let start: C.Instant
    /// In-flight requests (including this one) when the permit was acquired.
    public let inFlightAtStart: Int
    private var outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome = .ignored

    init(limiter: AdaptiveConcurrencyLimiter<C>, start: C.Instant, inFlightAtStart: Int) {
        self.limiter = limiter
        self.start = start
        self.inFlightAtStart = inFlightAtStart
    }

    /// Reports a normal completion; its RTT feeds the limit.
    ///
    /// ```swift
    /// permit.success()
    /// ```
    public consuming func success() { self.outcome = .success }

    /// Reports a timeout or an overload rejection: a congestion signal.
    ///
    /// ```swift
    /// permit.dropped()
    /// ```
    public consuming func dropped() { self.outcome = .dropped }

    /// Returns the slot without feeding the limit (cancelled, bad request…).
    ///
    /// ```swift
    /// permit.ignored()
    /// ```
    public consuming func ignored() { self.outcome = .ignored }

    /// Reports `outcome`.
    ///
    /// ```swift
    /// permit.finish(.dropped)
    /// ```
    public consuming func finish(_ outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome) {
        self.outcome = outcome
    }

    deinit {
        self.limiter.release(self.outcome, start: self.start, inFlightAtStart: self.inFlightAtStart)
    }
}
