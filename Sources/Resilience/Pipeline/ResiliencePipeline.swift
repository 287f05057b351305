/// A composition of strategies, listed outermost first, executed as one strategy.
///
/// The pipeline's type spells out every strategy (`ComposedStrategy<RateLimiter<…>, ComposedStrategy<…>>`), so
/// the compiler specialises the whole chain: on the success path no strategy allocates (see the benchmarks). Keep
/// the pipeline in a stored property and reuse it; its strategies share state across calls.
///
/// ```swift
/// let budget = RetryBudget()
/// let pipeline = ResiliencePipeline {
///     RateLimiter(.tokenBucket(capacity: 100, refillRate: 50))
///     Timeout(.seconds(2))
///     Retry(budget: budget)
///     Timeout(.milliseconds(300))
///     CircuitBreaker()
/// }
/// let stock = try await pipeline.execute { try await inventory.stock(sku) }
/// ```
public struct ResiliencePipeline<Strategy: ResilienceStrategy>: ResilienceStrategy {
    /// The composed strategy.
    ///
    /// ```swift
    /// let inner = pipeline.strategy
    /// ```
    public let strategy: Strategy

    /// Builds a pipeline from strategies listed outermost first.
    ///
    /// ```swift
    /// let pipeline = ResiliencePipeline { Timeout(.seconds(1)); breaker }
    /// ```
    @inlinable
    public init(@ResiliencePipelineBuilder _ build: () -> Strategy) {
        self.strategy = build()
    }

    /// Wraps an already composed strategy.
    ///
    /// ```swift
    /// let pipeline = ResiliencePipeline(strategy: retry.wrapping(breaker))
    /// ```
    @inlinable
    public init(strategy: Strategy) {
        self.strategy = strategy
    }

    /// Runs `operation` through every strategy, outermost first.
    ///
    /// ```swift
    /// let value = try await pipeline.execute { try await call() }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.strategy.execute(isolation: isolation, operation)
    }

    /// Runs `next` through every strategy, outermost first (a pipeline nested in another one).
    ///
    /// ```swift
    /// let value = try await pipeline.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        try await self.strategy.execute(in: context, isolation: isolation, next)
    }
}
