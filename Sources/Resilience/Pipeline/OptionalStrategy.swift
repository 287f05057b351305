/// A strategy that may be absent: runs the wrapped one when present, else runs the operation directly. Produced by
/// an `if` without `else` in a ``ResiliencePipeline`` builder.
///
/// ```swift
/// let pipeline = ResiliencePipeline {
///     if useBreaker { breaker }
///     retry
/// }
/// ```
public struct OptionalStrategy<Wrapped: ResilienceStrategy>: ResilienceStrategy {
    /// The strategy, when present.
    ///
    /// ```swift
    /// let isOn = optional.wrapped != nil
    /// ```
    public let wrapped: Wrapped?

    /// Wraps `wrapped` (which may be `nil`).
    ///
    /// ```swift
    /// let maybe = OptionalStrategy(enabled ? breaker : nil)
    /// ```
    @inlinable
    public init(_ wrapped: Wrapped?) {
        self.wrapped = wrapped
    }

    /// Runs `operation` through the wrapped strategy when present, else directly.
    ///
    /// ```swift
    /// let value = try await maybe.execute { try await call() }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        if let wrapped = self.wrapped {
            return try await wrapped.execute(isolation: isolation, operation)
        }
        return try await operation()
    }

    /// Runs `next` through the wrapped strategy when present, else directly.
    ///
    /// ```swift
    /// let value = try await maybe.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        if let wrapped = self.wrapped {
            return try await wrapped.execute(in: context, isolation: isolation, next)
        }
        return try await next(context)
    }
}

/// One of two strategies, chosen when the pipeline is built. Produced by `if`/`else` in a ``ResiliencePipeline``
/// builder.
///
/// ```swift
/// let pipeline = ResiliencePipeline {
///     if strict { Timeout(.milliseconds(200)) } else { Timeout(.seconds(2)) }
/// }
/// ```
public enum EitherStrategy<First: ResilienceStrategy, Second: ResilienceStrategy>: ResilienceStrategy {
    /// The `if` branch.
    ///
    /// ```swift
    /// let either = EitherStrategy<Timeout<ContinuousClock>, PassthroughStrategy>.first(timeout)
    /// ```
    case first(First)
    /// The `else` branch.
    ///
    /// ```swift
    /// let either = EitherStrategy<Timeout<ContinuousClock>, PassthroughStrategy>.second(PassthroughStrategy())
    /// ```
    case second(Second)

    /// Runs `operation` through the chosen strategy.
    ///
    /// ```swift
    /// let value = try await either.execute { try await call() }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        switch self {
        case .first(let strategy): try await strategy.execute(isolation: isolation, operation)
        case .second(let strategy): try await strategy.execute(isolation: isolation, operation)
        }
    }

    /// Runs `next` through the chosen strategy.
    ///
    /// ```swift
    /// let value = try await either.execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        switch self {
        case .first(let strategy): try await strategy.execute(in: context, isolation: isolation, next)
        case .second(let strategy): try await strategy.execute(in: context, isolation: isolation, next)
        }
    }
}
