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

    /// Runs `operation` through `outer`, then `inner`. The task's deadline is read once here and handed down in a
    /// ``ResilienceContext``; the tightest deadline is bound once, just before `operation` runs.
    ///
    /// ```swift
    /// let value = try await composed.execute { try await call() }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.execute(in: .current, isolation: isolation) { context in
            try await context.run(isolation: isolation, operation)
        }
    }

    /// Runs `next` through `outer`, then `inner`, handing the context from one to the other.
    ///
    /// ```swift
    /// let value = try await composed.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        try await self.outer.execute(in: context, isolation: isolation) { context in
            try await self.inner.execute(in: context, isolation: isolation, next)
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
