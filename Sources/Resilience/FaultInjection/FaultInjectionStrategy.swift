/// A ``FaultInjection`` with a fixed, type-independent fault, usable as a pipeline stage.
///
/// The fault is an ``InjectedFault`` over `Never`: `.error`, `.latency`, or `.outcome(.failure(…))`.
///
/// ```swift
/// let chaos = FaultInjection(rate: 0.05)
/// let pipeline = ResiliencePipeline {
///     retry
///     chaos.strategy(.latency(.seconds(2)))
///     chaos.strategy(.error(AdaptiveResilienceError.injectedFault))
/// }
/// ```
public struct FaultInjectionStrategy<C: Clock>: ResilienceStrategy where C.Duration == Duration {
    /// The injector that decides which calls are affected.
    public let injection: FaultInjection<C>
    /// What happens to an affected call.
    public let fault: InjectedFault<Never>

    /// Creates a strategy.
    ///
    /// ```swift
    /// let slow = FaultInjectionStrategy(injection: chaos, fault: .latency(.milliseconds(500)))
    /// ```
    public init(injection: FaultInjection<C>, fault: InjectedFault<Never>) {
        self.injection = injection
        self.fault = fault
    }

    /// Runs `operation`, applying the fault when this call is selected.
    ///
    /// ```swift
    /// let value = try await slow.execute { try await call() }
    /// ```
    public func execute<Success>(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Success
    ) async throws -> Success {
        guard self.injection.shouldInject() else { return try await operation() }
        switch self.fault {
        case .error(let error):
            throw error
        case .latency(let delay):
            try await self.injection.clock.sleep(for: delay)
            return try await operation()
        case .outcome(.failure(let error)):
            throw error
        }
    }
}

extension FaultInjection {
    /// A pipeline stage applying `fault` to the calls this injector selects.
    ///
    /// ```swift
    /// let stage = chaos.strategy(.error(AdaptiveResilienceError.injectedFault))
    /// ```
    public func strategy(_ fault: InjectedFault<Never>) -> FaultInjectionStrategy<C> {
        FaultInjectionStrategy(injection: self, fault: fault)
    }
}
