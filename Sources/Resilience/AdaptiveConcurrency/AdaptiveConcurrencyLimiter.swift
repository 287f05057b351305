import Synchronization

/// A concurrency limiter whose limit adapts to measured latency (gradient) or to drops (AIMD).
///
/// Acquire a ``AdaptiveConcurrencyPermit`` before calling the protected resource and report how the call ended; the
/// permit measures the RTT on the injected clock and returns its slot exactly once (on `success()`, `dropped()`,
/// `ignored()`, or — as ignored — when it goes out of scope).
///
/// ```swift
/// let limiter = AdaptiveConcurrencyLimiter(algorithm: .gradient(.init(initialLimit: 20, maxLimit: 200)))
/// guard let permit = limiter.tryAcquire() else { throw AdaptiveResilienceError.concurrencyLimitExceeded }
/// do {
///     let order = try await inventory.reserve(item)
///     permit.success()
///     return order
/// } catch is TimeoutError {
///     permit.dropped()
///     throw AdaptiveResilienceError.concurrencyLimitExceeded
/// }
/// ```
public final class AdaptiveConcurrencyLimiter<C: Clock>: Sendable where C.Duration == Duration {
    /// The clock that times requests.
    public let clock: C
    private let state: Mutex<AdaptiveConcurrencyStateMachine<C.Instant>>
    private let onLimitChange: (@Sendable (Int) -> Void)?
    private let onRejection: (@Sendable (AdaptiveResilienceError) -> Void)?

    /// Creates a limiter on `clock`. `onLimitChange` is called with the new limit whenever a completed request
    /// changes it; `onRejection` is called on the calling task with
    /// ``AdaptiveResilienceError/concurrencyLimitExceeded`` whenever a request finds the limit reached. Both run
    /// outside the limiter's lock.
    ///
    /// ```swift
    /// let limiter = AdaptiveConcurrencyLimiter(algorithm: .aimd(.init()), clock: manualClock)
    /// ```
    public init(
        algorithm: ConcurrencyLimitAlgorithm, window: ConcurrencySampleWindow = .init(), clock: C,
        onLimitChange: (@Sendable (Int) -> Void)? = nil,
        onRejection: (@Sendable (AdaptiveResilienceError) -> Void)? = nil
    ) {
        self.clock = clock
        self.state = Mutex(AdaptiveConcurrencyStateMachine(algorithm: algorithm, window: window))
        self.onLimitChange = onLimitChange
        self.onRejection = onRejection
    }

    /// The current limit.
    ///
    /// ```swift
    /// metrics.gauge("concurrency_limit").record(limiter.limit)
    /// ```
    public var limit: Int { self.state.withLock { $0.limit } }

    /// Requests holding a permit.
    ///
    /// ```swift
    /// let busy = limiter.inFlight
    /// ```
    public var inFlight: Int { self.state.withLock { $0.inFlight } }

    /// A snapshot of the limit algorithm's state (long/short RTT for the gradient controller).
    ///
    /// ```swift
    /// if case .gradient(let g) = limiter.limitState { print(g.longRTT, g.shortRTT) }
    /// ```
    public var limitState: ConcurrencyLimit { self.state.withLock { $0.limitState } }

    /// Takes a permit, or returns `nil` when the limit is reached.
    ///
    /// ```swift
    /// if let permit = limiter.tryAcquire() { defer { _ = consume permit }; work() }
    /// ```
    public func tryAcquire() -> AdaptiveConcurrencyPermit<C>? {
        let action = self.state.withLock { $0.acquire() }
        switch action {
        case .acquired(let inFlight):
            return AdaptiveConcurrencyPermit(limiter: self, start: self.clock.now, inFlightAtStart: inFlight)
        case .rejected:
            self.onRejection?(.concurrencyLimitExceeded)
            return nil
        }
    }

    /// Takes a permit or throws ``AdaptiveResilienceError/concurrencyLimitExceeded``.
    ///
    /// ```swift
    /// let permit = try limiter.acquire()
    /// ```
    public func acquire() throws -> AdaptiveConcurrencyPermit<C> {
        guard let permit = self.tryAcquire() else { throw AdaptiveResilienceError.concurrencyLimitExceeded }
        return permit
    }

    /// Runs `operation` under a permit; a returned value reports success, a thrown error reports
    /// `outcome(error)` (return `.dropped` for timeouts and overload errors, `.ignored` for the rest; the
    /// ``ResilienceStrategy`` overload without `outcome` uses ``AdaptiveConcurrencyStateMachine/Outcome/classify(_:)``).
    ///
    /// ```swift
    /// let body = try await limiter.execute(outcome: { $0 is TimeoutError ? .dropped : .ignored }) {
    ///     try await client.get("/stock")
    /// }
    /// ```
    public func execute<T>(
        isolation: isolated (any Actor)? = #isolation,
        outcome: (any Error) -> AdaptiveConcurrencyStateMachine<C.Instant>.Outcome,
        _ operation: () async throws -> T
    ) async throws -> T {
        let permit = try self.acquire()
        do {
            let value = try await operation()
            permit.success()
            return value
        } catch {
            permit.finish(outcome(error))
            throw error
        }
    }

    func release(
        _ outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome, start: C.Instant, inFlightAtStart: Int
    ) {
        let now = self.clock.now
        let rtt = start.duration(to: now)
        let (before, after) = self.state.withLock { machine in
            let before = machine.limit
            return (before, machine.release(outcome, rtt: rtt, inFlightAtStart: inFlightAtStart, now: now))
        }
        if before != after { self.onLimitChange?(after) }
    }
}

extension AdaptiveConcurrencyLimiter where C == ContinuousClock {
    /// Creates a limiter on the continuous clock.
    ///
    /// ```swift
    /// let limiter = AdaptiveConcurrencyLimiter(algorithm: .gradient(.init()))
    /// ```
    public convenience init(
        algorithm: ConcurrencyLimitAlgorithm, window: ConcurrencySampleWindow = .init(),
        onLimitChange: (@Sendable (Int) -> Void)? = nil,
        onRejection: (@Sendable (AdaptiveResilienceError) -> Void)? = nil
    ) {
        self.init(
            algorithm: algorithm, window: window, clock: ContinuousClock(), onLimitChange: onLimitChange,
            onRejection: onRejection)
    }
}
