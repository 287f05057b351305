/// What a ``FaultInjection`` does to a call it selects.
///
/// ```swift
/// let error: InjectedFault<Order> = .error(AdaptiveResilienceError.injectedFault)
/// let slow: InjectedFault<Order> = .latency(.seconds(2))
/// let wrong: InjectedFault<Order> = .outcome(.success(.empty))
/// ```
public enum InjectedFault<Value: Sendable>: Sendable {
    /// Throw `error` instead of running the operation.
    case error(any Error)
    /// Wait `delay` on the injector's clock, then run the operation.
    case latency(Duration)
    /// Return (or throw) `outcome` instead of running the operation.
    case outcome(Result<Value, any Error>)
}
