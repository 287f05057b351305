extension AdaptiveThrottle: ResilienceStrategy {
    /// Runs `operation` unless throttled, as a pipeline stage: a returned value counts as an accept; every error
    /// except `CancellationError` counts as a backend rejection. Throws ``AdaptiveResilienceError/throttled``
    /// when rejected locally.
    ///
    /// ```swift
    /// let pipeline = ResiliencePipeline {
    ///     AdaptiveThrottle()
    ///     Timeout(.seconds(2))
    /// }
    /// let quote = try await pipeline.execute { try await pricing.quote(cart) }
    /// ```
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.execute(isolation: isolation, isRejection: { !($0 is CancellationError) }, operation)
    }
}
