/// A resilience strategy: something that runs an operation on the caller's behalf and may reject it, delay it,
/// repeat it, bound it in time or observe its outcome.
///
/// Every pattern in this library conforms (circuit breaker, retry, timeout, bulkhead, rate limiter, and the adaptive
/// strategies), and strategies compose into a ``ResiliencePipeline`` whose success path does not allocate.
///
/// The operation is neither escaping nor `@Sendable`: it runs in the caller's isolation (passed as `isolation`,
/// normally `#isolation`), so it may touch the caller's actor state.
///
/// ```swift
/// struct Logging: ResilienceStrategy {
///     func execute<Success>(
///         isolation: isolated (any Actor)? = #isolation,
///         _ operation: () async throws -> Success
///     ) async throws -> Success {
///         print("start")
///         defer { print("end") }
///         return try await operation()
///     }
/// }
/// let value = try await Logging().execute { try await fetch() }
/// ```
public protocol ResilienceStrategy: Sendable {
    /// Runs `operation` under this strategy and returns its value, or throws the operation's error or a
    /// ``ResilienceError`` when the strategy rejects or abandons the call.
    ///
    /// Generic callers pass `#isolation` explicitly; concrete strategies declare it as the default argument.
    ///
    /// ```swift
    /// func call<S: ResilienceStrategy>(_ strategy: S) async throws -> Int {
    ///     try await strategy.execute(isolation: #isolation) { 42 }
    /// }
    /// ```
    func execute<Success>(
        isolation: isolated (any Actor)?,
        _ operation: () async throws -> Success
    ) async throws -> Success

    /// Runs `next` under this strategy as one stage of a pipeline, handing it the ``ResilienceContext`` (the
    /// effective deadline and a shared clock reading). ``ComposedStrategy`` calls this instead of
    /// ``execute(isolation:_:)``, so a pipeline reads the task's deadline once, binds it once and reads each clock
    /// as few times as possible. A default implementation binds the deadline and calls ``execute(isolation:_:)``;
    /// the library's strategies implement it directly.
    ///
    /// ```swift
    /// let value = try await strategy.execute(in: .current, isolation: #isolation) { context in
    ///     try await context.run(isolation: #isolation) { try await call() }
    /// }
    /// ```
    func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success
}

/// The strategy that does nothing: it runs the operation directly. Useful as an empty pipeline or a disabled slot.
///
/// ```swift
/// let strategy: PassthroughStrategy = PassthroughStrategy()
/// let value = try await strategy.execute { 1 + 1 }
/// ```
public struct PassthroughStrategy: ResilienceStrategy {
    /// Creates the strategy.
    ///
    /// ```swift
    /// let none = PassthroughStrategy()
    /// ```
    @inlinable
    public init() {}

    /// Runs `operation` directly.
    ///
    /// ```swift
    /// let value = try await PassthroughStrategy().execute { 42 }
    /// ```
    @inlinable
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await operation()
    }

    /// Runs `next` directly.
    ///
    /// ```swift
    /// let value = try await PassthroughStrategy().execute(in: .current, isolation: nil) { _ in 42 }
    /// ```
    @inlinable
    public func execute<Success>(
        in context: ResilienceContext,
        isolation: isolated (any Actor)?,
        _ next: (ResilienceContext) async throws -> Success
    ) async throws -> Success {
        try await next(context)
    }
}
