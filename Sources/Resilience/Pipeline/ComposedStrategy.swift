/// Two strategies nested: `outer` runs `inner`, which runs the operation. Built by ``ResiliencePipelineBuilder`` or
/// ``ResilienceStrategy/wrapping(_:)``; fully generic, so a pipeline of concrete strategies is specialised and its
/// success path does not allocate.
///
/// ```swift
/// let composed = ComposedStrategy(outer: retry, inner: breaker)
/// let value = try await composed.execute { try await call() }
/// ```
public struct ComposedStrategy<Outer: ResilienceStrategy, Inner: ResilienceStrategy>: ResilienceStrategy {
    /// The strategy that runs first (outermost).
    ///
    /// ```swift
    /// let retry = composed.outer
    /// ```
    public let outer: Outer
    /// The strategy that runs inside `outer`, closest to the operation.
    ///
    /// ```swift
    /// let breaker = composed.inner
    /// ```
    public let inner: Inner

    /// Nests `inner` inside `outer`.
    ///
    /// ```swift
    /// let composed = ComposedStrategy(outer: timeout, inner: breaker)
    /// ```
    @inlinable
    public init(outer: Outer, inner: Inner) {
        self.outer = outer
        self.inner = inner
    }

    /// Runs `operation` through `outer`, then `inner`.
    ///
    /// ```swift
    /// let value = try await composed.execute { try await call() }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.outer.execute(isolation: isolation) {
            try await self.inner.execute(isolation: isolation, operation)
        }
    }
}

extension ResilienceStrategy {
    /// This strategy wrapped around `inner`: `self` runs first, `inner` runs the operation.
    ///
    /// ```swift
    /// let strategy = limiter.wrapping(timeout).wrapping(breaker)
    /// ```
    @inlinable
    public func wrapping<Inner: ResilienceStrategy>(_ inner: Inner) -> ComposedStrategy<Self, Inner> {
        ComposedStrategy(outer: self, inner: inner)
    }
}
