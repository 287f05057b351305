/// A snapshot of a ``CircuitBreaker``'s metrics, with resilience4j's meanings (the metrics belong to the current
/// state: they reset when the breaker closes or goes half-open, and an open breaker keeps the closed state's).
///
/// ```swift
/// let metrics = breaker.metrics
/// print(metrics.failureRate, metrics.numberOfBufferedCalls, metrics.numberOfNotPermittedCalls)
/// ```
public struct CircuitBreakerMetrics: Hashable, Sendable {
    /// Failed calls in percent of the buffered calls, or -1 while fewer than the minimum number are recorded.
    ///
    /// ```swift
    /// if metrics.failureRate >= 0 { gauge.record(metrics.failureRate) }
    /// ```
    public var failureRate: Float
    /// Slow calls in percent of the buffered calls, or -1 while fewer than the minimum number are recorded.
    ///
    /// ```swift
    /// print(metrics.slowCallRate)
    /// ```
    public var slowCallRate: Float
    /// Calls in the window.
    ///
    /// ```swift
    /// print(metrics.numberOfBufferedCalls)
    /// ```
    public var numberOfBufferedCalls: Int
    /// Failed calls in the window (slow or not).
    ///
    /// ```swift
    /// print(metrics.numberOfFailedCalls)
    /// ```
    public var numberOfFailedCalls: Int
    /// Successful calls in the window (slow or not).
    ///
    /// ```swift
    /// print(metrics.numberOfSuccessfulCalls)
    /// ```
    public var numberOfSuccessfulCalls: Int
    /// Slow calls in the window (successful or not).
    ///
    /// ```swift
    /// print(metrics.numberOfSlowCalls)
    /// ```
    public var numberOfSlowCalls: Int
    /// Slow successful calls in the window.
    ///
    /// ```swift
    /// print(metrics.numberOfSlowSuccessfulCalls)
    /// ```
    public var numberOfSlowSuccessfulCalls: Int
    /// Slow failed calls in the window.
    ///
    /// ```swift
    /// print(metrics.numberOfSlowFailedCalls)
    /// ```
    public var numberOfSlowFailedCalls: Int
    /// Calls rejected since the current state's metrics started.
    ///
    /// ```swift
    /// print(metrics.numberOfNotPermittedCalls)
    /// ```
    public var numberOfNotPermittedCalls: Int
    /// Consecutive failures counted in consecutive mode (pybreaker `fail_counter`); zero in sliding-window mode.
    ///
    /// ```swift
    /// print(metrics.consecutiveFailures)
    /// ```
    public var consecutiveFailures: Int
    /// Consecutive successful trial calls in half-open, consecutive mode (pybreaker `success_counter`).
    ///
    /// ```swift
    /// print(metrics.consecutiveSuccesses)
    /// ```
    public var consecutiveSuccesses: Int
}
