extension AdaptiveConcurrencyLimiter: ResilienceStrategy {
    /// Runs `operation` under a permit, as a pipeline stage: success feeds the RTT, errors are classified by
    /// ``AdaptiveConcurrencyStateMachine/Outcome/classify(_:)`` (timeouts and overload are drops). Throws
    /// ``AdaptiveResilienceError/concurrencyLimitExceeded`` when the limit is reached.
    ///
    /// ```swift
    /// let pipeline = ResiliencePipeline {
    ///     AdaptiveConcurrencyLimiter(algorithm: .gradient(.init()))
    ///     Timeout(.seconds(1))  // its timeouts count as drops
    /// }
    /// let stock = try await pipeline.execute { try await inventory.stock(sku) }
    /// ```
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.execute(
            isolation: isolation, outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome.classify, operation)
    }
}
