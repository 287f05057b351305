extension LoadShedder: ResilienceStrategy {
    /// Admits `operation` by the task's ``Criticality/current`` class (``Criticality/default`` when unset), as a
    /// pipeline stage; errors are classified by ``AdaptiveConcurrencyStateMachine/Outcome/classify(_:)``.
    ///
    /// ```swift
    /// let pipeline = ResiliencePipeline {
    ///     LoadShedder(configuration: .init(algorithm: .gradient(.init(initialLimit: 50))))
    ///     Timeout(.seconds(1))
    /// }
    /// try await Criticality.$current.withValue(.sheddable) {
    ///     try await pipeline.execute { try await recompute() }
    /// }
    /// ```
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        try await self.execute(
            isolation: isolation, criticality: Criticality.current ?? .default,
            outcome: AdaptiveConcurrencyStateMachine<C.Instant>.Outcome.classify, operation)
    }
}
