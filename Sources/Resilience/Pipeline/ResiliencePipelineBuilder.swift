/// Builds a ``ResiliencePipeline`` from strategies listed outermost first. Each strategy wraps the ones after it.
///
/// ```swift
/// let pipeline = ResiliencePipeline {
///     limiter          // outermost: rejects before anything else runs
///     Timeout(.seconds(2))
///     retry
///     Timeout(.milliseconds(300))  // per attempt
///     breaker          // innermost: sees every attempt
/// }
/// ```
@resultBuilder
public enum ResiliencePipelineBuilder {
    /// The first (outermost) strategy.
    ///
    /// ```swift
    /// ResiliencePipeline { breaker }
    /// ```
    @inlinable
    public static func buildPartialBlock<S: ResilienceStrategy>(first: S) -> S {
        first
    }

    /// Nests the next strategy inside the ones before it.
    ///
    /// ```swift
    /// ResiliencePipeline { retry; breaker }  // ComposedStrategy<Retry<…>, CircuitBreaker<…>>
    /// ```
    @inlinable
    public static func buildPartialBlock<Accumulated: ResilienceStrategy, Next: ResilienceStrategy>(
        accumulated: Accumulated, next: Next
    ) -> ComposedStrategy<Accumulated, Next> {
        ComposedStrategy(outer: accumulated, inner: next)
    }

    /// An empty pipeline runs the operation directly.
    ///
    /// ```swift
    /// ResiliencePipeline {}
    /// ```
    @inlinable
    public static func buildBlock() -> PassthroughStrategy {
        PassthroughStrategy()
    }

    /// A strategy included only when a condition holds.
    ///
    /// ```swift
    /// ResiliencePipeline { if enabled { breaker } }
    /// ```
    @inlinable
    public static func buildOptional<S: ResilienceStrategy>(_ component: S?) -> OptionalStrategy<S> {
        OptionalStrategy(component)
    }

    /// The `if` branch of a choice.
    ///
    /// ```swift
    /// ResiliencePipeline { if fast { Timeout(.milliseconds(100)) } else { Timeout(.seconds(1)) } }
    /// ```
    @inlinable
    public static func buildEither<First: ResilienceStrategy, Second: ResilienceStrategy>(
        first component: First
    ) -> EitherStrategy<First, Second> {
        .first(component)
    }

    /// The `else` branch of a choice.
    ///
    /// ```swift
    /// ResiliencePipeline { if fast { Timeout(.milliseconds(100)) } else { Timeout(.seconds(1)) } }
    /// ```
    @inlinable
    public static func buildEither<First: ResilienceStrategy, Second: ResilienceStrategy>(
        second component: Second
    ) -> EitherStrategy<First, Second> {
        .second(component)
    }
}
