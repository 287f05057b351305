/// Retries failed operations with backoff, always within a shared ``RetryBudget``.
///
/// Before retry *n* it waits ``RetryConfiguration/backoff``'s delay, or longer when the error carries a
/// ``RetryAfterProviding`` hint. It gives up (rethrowing the last error) after ``RetryConfiguration/maxAttempts``,
/// on a non-retryable error, when the budget is spent, or when the wait would pass the current ``Deadline``.
/// The success path takes the budget's lock once and does not allocate.
///
/// ```swift
/// let budget = RetryBudget()
/// let retry = Retry(configuration: .init(maxAttempts: 3), budget: budget)
/// let stock = try await retry.execute { try await inventory.stock(sku) }
/// ```
public struct Retry<C: Clock, Random: RandomNumberGenerator & Sendable>: ResilienceStrategy
where C.Duration == Duration {
    /// The configuration.
    ///
    /// ```swift
    /// print(retry.configuration.maxAttempts)
    /// ```
    public let configuration: RetryConfiguration
    /// The budget shared with other retries of the same dependency.
    ///
    /// ```swift
    /// print(retry.budget.tokens)
    /// ```
    public let budget: RetryBudget
    @usableFromInline let clock: C
    @usableFromInline let random: LockedRandom<Random>

    /// Creates a retry strategy on `clock` drawing jitter from `random` (inject a seeded generator in tests).
    ///
    /// ```swift
    /// let retry = Retry(budget: budget, clock: manualClock, random: SplitMix64(seed: 1))
    /// ```
    public init(
        configuration: RetryConfiguration = RetryConfiguration(), budget: RetryBudget, clock: C, random: Random
    ) {
        self.configuration = configuration
        self.budget = budget
        self.clock = clock
        self.random = LockedRandom(random)
    }

    /// Runs `operation`, retrying failures as configured.
    ///
    /// ```swift
    /// let body = try await retry.execute { try await client.get(url) }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        // As in the pipeline stage below: retries run in a frame of their own.
        let value: Success
        do {
            value = try await operation()
        } catch {
            return try await self.retry(after: error, isolation: isolation, operation)
        }
        self.budget.recordSuccess()
        return value
    }

    /// The attempts after a failed first one, outside a pipeline: the pipeline stage's loop, with the task's
    /// deadline as the context (nothing here binds another one, so it stays the deadline of every attempt).
    @inlinable @inline(never)
    func retry<Success>(
        after firstError: any Error,
        isolation: isolated (any Actor)?,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.retry(after: firstError, in: .current, isolation: isolation) { _ in try await operation() }
    }

    /// Runs `next`, retrying failures as configured, as a stage of a pipeline: the first attempt keeps the
    /// context's clock reading, later ones start without it; the deadline that bounds the waits is the context's.
    ///
    /// ```swift
    /// let value = try await retry.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable @inline(__always)
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        // The first attempt in this frame; retries (and their sleeps) in one of their own, so the success path
        // carries no loop state.
        let value: Success
        do {
            value = try await next(context)
        } catch {
            return try await self.retry(after: error, in: context, isolation: isolation, next)
        }
        self.budget.recordSuccess()
        return value
    }

    /// The attempts after a failed first one.
    @inlinable @inline(never)
    func retry<Success>(
        after firstError: any Error,
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        var error = firstError
        var retries = 0
        var previous = self.configuration.backoff.initialPrevious
        let attempt = context.withoutReading
        while true {
            let delay = try self.delayBeforeRetry(
                after: error, retries: retries, previous: previous, deadline: context.deadlineInstant(on: self.clock))
            previous = delay
            retries += 1
            self.configuration.onRetry?(retries, error, delay)
            if delay > .zero {
                try await self.clock.sleep(until: self.clock.now.advanced(by: delay), tolerance: nil)
            }
            do {
                let value = try await next(attempt)
                self.budget.recordSuccess()
                return value
            } catch let failure {
                error = failure
            }
        }
    }

    /// Decides whether to retry after `error`; returns the wait or throws what the caller should see. `deadline`
    /// is the call's effective deadline (the wait must end before it).
    @usableFromInline
    func delayBeforeRetry(
        after error: any Error, retries: Int, previous: Duration, deadline: C.Instant?
    ) throws -> Duration {
        guard self.configuration.shouldRetry(error) else { throw error }
        let allowed = self.budget.recordFailure()
        guard retries + 1 < self.configuration.maxAttempts, !Task.isCancelled else { throw error }
        guard allowed else {
            self.configuration.onBudgetExhausted?(retries, error)
            if self.configuration.throwsBudgetExhausted {
                throw ResilienceError(.retryBudgetExhausted, underlyingError: error)
            }
            throw error
        }
        var delay = self.configuration.backoff.delay(
            forRetry: retries, previous: previous, random: self.random.nextUnit())
        if let hint = (error as? any RetryAfterProviding)?.retryAfter {
            if let cap = self.configuration.maxRetryAfter, hint > cap { throw error }
            delay = max(delay, hint)
        }
        if let deadline, self.clock.now.advanced(by: delay) >= deadline {
            throw error
        }
        return delay
    }
}

extension Retry where C == ContinuousClock, Random == SystemRandomNumberGenerator {
    /// Creates a retry strategy on the continuous clock with the system random number generator.
    ///
    /// ```swift
    /// let retry = Retry(configuration: .init(maxAttempts: 4), budget: budget)
    /// ```
    public init(configuration: RetryConfiguration = RetryConfiguration(), budget: RetryBudget) {
        self.init(configuration: configuration, budget: budget, clock: ContinuousClock(), random: .init())
    }
}

extension Retry where Random == SystemRandomNumberGenerator {
    /// Creates a retry strategy on `clock` with the system random number generator.
    ///
    /// ```swift
    /// let retry = Retry(budget: budget, clock: clock)
    /// ```
    public init(configuration: RetryConfiguration = RetryConfiguration(), budget: RetryBudget, clock: C) {
        self.init(configuration: configuration, budget: budget, clock: clock, random: .init())
    }
}
