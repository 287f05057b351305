/// A running request admitted by a ``LoadShedder``; completes exactly once.
///
/// `success()`, `dropped()`, `ignored()` or `finish(_:)` consume the permit and report the latency measured since
/// admission; a permit that goes out of scope reports `ignored`. Completing frees the slot for a waiting request.
///
/// ```swift
/// let permit = try await shedder.admit(.critical)
/// let body = try await render()
/// permit.success()
/// ```
public struct LoadShedderPermit<C: Clock>: ~Copyable, Sendable where C.Duration == Duration {
    private let shedder: LoadShedder<C>
    /// When the request was admitted.
    public let start: C.Instant
    /// Requests in flight (including this one) at admission.
    public let inFlightAtStart: Int
    private var outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome = .ignored

    init(shedder: LoadShedder<C>, start: C.Instant, inFlightAtStart: Int) {
        self.shedder = shedder
        self.start = start
        self.inFlightAtStart = inFlightAtStart
    }

    /// Reports a normal completion.
    ///
    /// ```swift
    /// permit.success()
    /// ```
    public consuming func success() { self.outcome = .success }

    /// Reports a timeout or overload: a congestion signal.
    ///
    /// ```swift
    /// permit.dropped()
    /// ```
    public consuming func dropped() { self.outcome = .dropped }

    /// Frees the slot without feeding the limit.
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
        self.shedder.complete(self.outcome, start: self.start, inFlightAtStart: self.inFlightAtStart)
    }
}
