import Synchronization

/// Client-side adaptive throttling (Google SRE book, chapter 21) on an injected clock and random source.
///
/// When the backend starts rejecting requests because of overload, the client rejects a growing share locally, with
/// probability `max(0, (requests − K × accepts) / (requests + 1))` over the last two minutes, so the backend sees
/// little more than it can accept.
///
/// ```swift
/// let throttle = AdaptiveThrottle()
/// let quote = try await throttle.execute(isRejection: { ($0 as? HTTPError)?.status == 503 }) {
///     try await pricing.quote(cart)
/// }
/// ```
public final class AdaptiveThrottle<C: Clock>: Sendable where C.Duration == Duration {
    /// The clock that drives the sliding window.
    public let clock: C
    private let state: Mutex<AdaptiveThrottleStateMachine<C.Instant>>
    private let random: LockedRandomSource

    /// Creates a throttle.
    ///
    /// ```swift
    /// let throttle = AdaptiveThrottle(configuration: .init(k: 2), clock: manualClock, random: SplitMix64(seed: 1))
    /// ```
    public init(
        configuration: AdaptiveThrottleStateMachine<C.Instant>.Configuration = .init(),
        clock: C,
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.clock = clock
        self.state = Mutex(AdaptiveThrottleStateMachine(configuration: configuration, now: clock.now))
        self.random = LockedRandomSource(random)
    }

    /// The probability that the next request is rejected locally.
    ///
    /// ```swift
    /// gauge.record(throttle.rejectionProbability)
    /// ```
    public var rejectionProbability: Double {
        let now = self.clock.now
        return self.state.withLock { $0.rejectionProbability(at: now) }
    }

    /// Requests and accepts currently in the window.
    ///
    /// ```swift
    /// let (requests, accepts) = throttle.counts
    /// ```
    public var counts: (requests: Int, accepts: Int) {
        let now = self.clock.now
        return self.state.withLock { $0.counts(at: now) }
    }

    /// Counts a request and decides whether to send it.
    ///
    /// ```swift
    /// guard throttle.attempt() == .send else { throw AdaptiveResilienceError.throttled }
    /// ```
    public func attempt() -> AdaptiveThrottleStateMachine<C.Instant>.Decision {
        let roll = self.random.nextUnit()
        let now = self.clock.now
        return self.state.withLock { $0.attempt(at: now, random: roll) }
    }

    /// Counts a request the backend accepted.
    ///
    /// ```swift
    /// throttle.recordAccept()
    /// ```
    public func recordAccept() {
        let now = self.clock.now
        self.state.withLock { $0.recordAccept(at: now) }
    }

    /// Runs `operation` unless throttled; success and errors for which `isRejection` is false count as accepts.
    /// Throws ``AdaptiveResilienceError/throttled`` when rejected locally.
    ///
    /// ```swift
    /// let stock = try await throttle.execute(isRejection: { ($0 as? HTTPError)?.status == 503 }) {
    ///     try await inventory.stock(sku)
    /// }
    /// ```
    public func execute<T>(
        isolation: isolated (any Actor)? = #isolation,
        isRejection: (any Error) -> Bool,
        _ operation: () async throws -> T
    ) async throws -> T {
        guard case .send = self.attempt() else { throw AdaptiveResilienceError.throttled }
        do {
            let value = try await operation()
            self.recordAccept()
            return value
        } catch {
            if !isRejection(error) { self.recordAccept() }
            throw error
        }
    }
}

extension AdaptiveThrottle where C == ContinuousClock {
    /// Creates a throttle on the continuous clock and the system random source.
    ///
    /// ```swift
    /// let throttle = AdaptiveThrottle(configuration: .init(k: 2))
    /// ```
    public convenience init(configuration: AdaptiveThrottleStateMachine<C.Instant>.Configuration = .init()) {
        self.init(configuration: configuration, clock: ContinuousClock())
    }
}
