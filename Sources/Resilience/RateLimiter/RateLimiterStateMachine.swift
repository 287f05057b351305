/// The pure logic of a ``RateLimiter``: token bucket or GCRA, with reservations (a caller willing to wait up to
/// `maxWait` is granted a permit that becomes valid after a delay, as `golang.org/x/time/rate` does).
///
/// ```swift
/// var machine = RateLimiterStateMachine(.tokenBucket(capacity: 2, refillRate: 1), now: clock.now)
/// switch machine.acquire(permits: 1, now: clock.now, maxWait: .zero) {
/// case .acquired: run()
/// case .acquiredAfter(let wait): try await clock.sleep(for: wait); run()
/// case .rejected(let retryAfter): throw ResilienceError.rateLimited
/// }
/// ```
public struct RateLimiterStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// The answer to ``RateLimiterStateMachine/acquire(permits:now:maxWait:)``.
    ///
    /// ```swift
    /// if case .rejected(let retryAfter) = decision { print(retryAfter as Any) }
    /// ```
    public enum Decision: Hashable, Sendable {
        /// Permits granted now.
        ///
        /// ```swift
        /// if decision == .acquired { run() }
        /// ```
        case acquired
        /// Permits reserved; the caller must wait `Duration` before using them.
        ///
        /// ```swift
        /// if case .acquiredAfter(let wait) = decision { try await clock.sleep(for: wait) }
        /// ```
        case acquiredAfter(Duration)
        /// No permits: the wait would exceed `maxWait`. `retryAfter` is the wait that would have been needed
        /// (`nil` when the request can never be granted, e.g. more permits than the burst).
        ///
        /// ```swift
        /// if case .rejected(let retryAfter) = decision { throw ResilienceError.rateLimited }
        /// ```
        case rejected(retryAfter: Duration?)
    }

    @usableFromInline let algorithm: RateLimiterAlgorithm
    // Token bucket.
    @usableFromInline let capacity: Double
    @usableFromInline let refillPerSecond: Double
    @usableFromInline var tokens: Double
    @usableFromInline var lastRefill: Instant
    // GCRA.
    @usableFromInline let emissionInterval: Duration
    @usableFromInline let tolerance: Duration
    @usableFromInline let burst: Int
    @usableFromInline var theoreticalArrival: Instant

    /// A limiter with a full bucket (or an idle GCRA) at `now`.
    ///
    /// ```swift
    /// let machine = RateLimiterStateMachine(.gcra(rate: 5, period: .seconds(1), burst: 1), now: clock.now)
    /// ```
    public init(_ algorithm: RateLimiterAlgorithm, now: Instant) {
        self.algorithm = algorithm
        self.lastRefill = now
        self.theoreticalArrival = now
        switch algorithm {
        case .tokenBucket(let capacity, let refillRate):
            self.capacity = Double(max(1, capacity))
            self.refillPerSecond = max(0, refillRate)
            self.tokens = self.capacity
            self.emissionInterval = .zero
            self.tolerance = .zero
            self.burst = max(1, capacity)
        case .gcra(let rate, let period, let burst):
            self.capacity = 0
            self.refillPerSecond = 0
            self.tokens = 0
            self.emissionInterval = period / max(1, rate)
            self.burst = max(1, burst)
            self.tolerance = self.emissionInterval * (self.burst - 1)
        }
    }

    /// Tokens available at `now` (token bucket; negative while reservations are outstanding), or for GCRA the
    /// permits that could be taken at once.
    ///
    /// ```swift
    /// print(machine.available(now: clock.now))
    /// ```
    public func available(now: Instant) -> Double {
        switch self.algorithm {
        case .tokenBucket:
            return self.refilled(now: now)
        case .gcra:
            let arrival = max(self.theoreticalArrival, now)
            let used = now.duration(to: arrival)
            let room = (self.tolerance + self.emissionInterval) - used
            guard room > .zero, self.emissionInterval > .zero else { return 0 }
            return (room / self.emissionInterval).rounded(.down)
        }
    }

    /// Takes `permits` at `now`, or reserves them when they become available within `maxWait`.
    ///
    /// ```swift
    /// let decision = machine.acquire(permits: 1, now: clock.now, maxWait: .milliseconds(50))
    /// ```
    @inlinable
    public mutating func acquire(permits: Int = 1, now: Instant, maxWait: Duration = .zero) -> Decision {
        switch self.algorithm {
        case .tokenBucket:
            return self.acquireTokens(Double(permits), now: now, maxWait: maxWait)
        case .gcra:
            return self.acquireGCRA(permits, now: now, maxWait: maxWait)
        }
    }

    @inlinable
    func refilled(now: Instant) -> Double {
        let elapsed = FastClock.elapsed(from: self.lastRefill, to: now)
        guard elapsed.attoseconds > 0 else { return self.tokens }
        return min(self.capacity, self.tokens + elapsed.resilienceSeconds * self.refillPerSecond)
    }

    @inlinable
    mutating func acquireTokens(_ permits: Double, now: Instant, maxWait: Duration) -> Decision {
        if FastClock.isBefore(self.lastRefill, now) {
            self.tokens = self.refilled(now: now)
            self.lastRefill = now
        }
        if self.tokens >= permits {
            self.tokens -= permits
            return .acquired
        }
        guard permits <= self.capacity, self.refillPerSecond > 0 else { return .rejected(retryAfter: nil) }
        let wait = Duration.resilienceSeconds((permits - self.tokens) / self.refillPerSecond)
        guard wait <= maxWait else { return .rejected(retryAfter: wait) }
        self.tokens -= permits
        return .acquiredAfter(wait)
    }

    @inlinable
    mutating func acquireGCRA(_ permits: Int, now: Instant, maxWait: Duration) -> Decision {
        guard permits <= self.burst else { return .rejected(retryAfter: nil) }
        // The same arithmetic as on the instants and durations, on attoseconds (FastClock: inline for the standard
        // clocks' instants, whose operators are not inlinable).
        let arrival = FastClock.isBefore(self.theoreticalArrival, now) ? now : self.theoreticalArrival
        let interval = self.emissionInterval.attoseconds
        let newArrival = FastClock.advance(arrival, by: Duration(attoseconds: interval * Int128(permits)))
        let allowAt = FastClock.advance(
            newArrival, by: Duration(attoseconds: -(self.tolerance.attoseconds + interval)))
        if !FastClock.isBefore(now, allowAt) {
            self.theoreticalArrival = newArrival
            return .acquired
        }
        let wait = FastClock.elapsed(from: now, to: allowAt)
        guard wait <= maxWait else { return .rejected(retryAfter: wait) }
        self.theoreticalArrival = newArrival
        return .acquiredAfter(wait)
    }
}
