public import Synchronization

/// Limits the rate of calls with a token bucket or GCRA (``RateLimiterAlgorithm``).
///
/// A call without a permit is rejected with ``ResilienceError/rateLimited`` (its ``ResilienceError/retryAfter`` is
/// the time until a permit frees up), unless the limiter was given a ``maxWait``: then the call reserves a permit
/// and waits for it (bounded by the current ``Deadline``). The immediate path takes the lock once, reads the clock
/// once and does not allocate.
///
/// ```swift
/// let limiter = RateLimiter(.tokenBucket(capacity: 50, refillRate: 25))
/// let quote = try await limiter.execute { try await pricing.quote(cart) }
/// ```
public final class RateLimiter<C: Clock>: ResilienceStrategy where C.Duration == Duration {
    /// The longest a call waits for a permit (zero: never waits).
    ///
    /// ```swift
    /// print(limiter.maxWait)
    /// ```
    public let maxWait: Duration
    @usableFromInline let clock: C
    @usableFromInline let machine: Mutex<RateLimiterStateMachine<C.Instant>>
    @usableFromInline let onRejection: (@Sendable (ResilienceError) -> Void)?

    /// Creates a limiter on `clock`. `onRejection` is called on the calling task with
    /// ``ResilienceError/rateLimited`` whenever a call finds no permit, including a `false` from
    /// ``tryAcquire(permits:)``.
    ///
    /// ```swift
    /// let limiter = RateLimiter(.gcra(rate: 10, period: .seconds(1), burst: 2), clock: manualClock)
    /// ```
    public init(
        _ algorithm: RateLimiterAlgorithm, maxWait: Duration = .zero, clock: C,
        onRejection: (@Sendable (ResilienceError) -> Void)? = nil
    ) {
        self.maxWait = maxWait
        self.clock = clock
        self.onRejection = onRejection
        self.machine = Mutex(RateLimiterStateMachine(algorithm, now: clock.now))
    }

    /// Takes `permits` now if available; never waits.
    ///
    /// ```swift
    /// guard limiter.tryAcquire() else { return .tooManyRequests }
    /// ```
    @inlinable
    public func tryAcquire(permits: Int = 1) -> Bool {
        let now = self.clock.now
        let acquired = self.machine.withLock { $0.acquire(permits: permits, now: now, maxWait: .zero) } == .acquired
        if !acquired { self.onRejection?(.rateLimited) }
        return acquired
    }

    /// Takes `permits`, waiting up to ``maxWait`` (and the current ``Deadline``) for them; throws
    /// ``ResilienceError/rateLimited`` otherwise.
    ///
    /// ```swift
    /// try await limiter.acquire()
    /// ```
    @inlinable
    public func acquire(permits: Int = 1) async throws {
        if let wakeUp = try self.reserve(permits: permits) { try await self.sleep(until: wakeUp) }
    }

    /// Runs `operation` once a permit is taken.
    ///
    /// ```swift
    /// let value = try await limiter.execute { try await backend.call() }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        if let wakeUp = try self.reserve(permits: 1) { try await self.sleep(until: wakeUp) }
        return try await operation()
    }

    /// Runs `next` once a permit is taken, as a stage of a pipeline: the clock reading and the deadline come from
    /// the context.
    ///
    /// ```swift
    /// let value = try await limiter.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        var inner = context
        if let wakeUp = try self.reserve(permits: 1, in: &inner) {
            try await self.sleep(until: wakeUp)
            return try await next(inner.withoutReading)
        }
        return try await next(inner)
    }

    /// Takes `permits` now (`nil`), or reserves them and returns the instant they become usable (kept type-erased
    /// in a ``Deadline``); throws ``ResilienceError/rateLimited`` when the wait would exceed ``maxWait`` (or the
    /// current ``Deadline``). Synchronous, so an immediate grant keeps no clock instant (a resilient type for the
    /// standard clocks) in the caller's async frame.
    @inlinable @inline(never)
    func reserve(permits: Int) throws(ResilienceError) -> Deadline? {
        let deadline = self.maxWait.attoseconds > 0 ? Deadline.currentInstant(on: self.clock) : nil
        return try self.reserve(permits: permits, now: FastClock.now(self.clock), deadline: deadline)
    }

    /// ``reserve(permits:)`` with the clock reading and the deadline of a pipeline's context.
    @inlinable @inline(never)
    func reserve(permits: Int, in context: inout ResilienceContext) throws(ResilienceError) -> Deadline? {
        let now = context.now(self.clock)
        let deadline = self.maxWait.attoseconds > 0 ? context.deadlineInstant(on: self.clock) : nil
        return try self.reserve(permits: permits, now: now, deadline: deadline)
    }

    @inlinable @inline(__always)
    func reserve(permits: Int, now: C.Instant, deadline: C.Instant?) throws(ResilienceError) -> Deadline? {
        var maxWait = self.maxWait
        if maxWait.attoseconds > 0, let deadline {
            maxWait = min(maxWait, FastClock.elapsed(from: now, to: deadline))
        }
        let decision = self.machine.withLock { $0.acquire(permits: permits, now: now, maxWait: maxWait) }
        switch decision {
        case .acquired:
            return nil
        case .acquiredAfter(let wait):
            return Deadline(now.advanced(by: wait))
        case .rejected(let retryAfter):
            let error = ResilienceError(.rateLimited, retryAfter: retryAfter)
            self.onRejection?(error)
            throw error
        }
    }

    /// Sleeps until a reserved permit becomes usable.
    @usableFromInline
    func sleep(until wakeUp: Deadline) async throws {
        try await self.clock.sleep(until: wakeUp.instant(on: self.clock)!, tolerance: nil)
    }

    /// Permits available now (token bucket tokens, or GCRA burst room).
    ///
    /// ```swift
    /// gauge.record(limiter.available)
    /// ```
    public var available: Double {
        let now = self.clock.now
        return self.machine.withLock { $0.available(now: now) }
    }
}

extension RateLimiter where C == ContinuousClock {
    /// Creates a limiter on the continuous clock.
    ///
    /// ```swift
    /// let limiter = RateLimiter(.tokenBucket(capacity: 10, refillRate: 5), maxWait: .milliseconds(20))
    /// ```
    public convenience init(
        _ algorithm: RateLimiterAlgorithm, maxWait: Duration = .zero,
        onRejection: (@Sendable (ResilienceError) -> Void)? = nil
    ) {
        self.init(algorithm, maxWait: maxWait, clock: ContinuousClock(), onRejection: onRejection)
    }
}
