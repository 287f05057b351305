public import Metrics
public import Resilience
import Synchronization

/// Records the events of Resilience's strategies as swift-metrics counters, gauges and timers, named
/// `resilience_…` with a `name` dimension (see ``ResilienceMetricName`` for the full list).
///
/// A `ResilienceMetrics` creates one recorder per strategy instance; each recorder hands out the observer closures
/// that strategy accepts (`onStateChange`, ``Resilience/CircuitBreakerConfiguration/onCall``,
/// ``Resilience/RetryConfiguration/onRetry``, `onRejection`, `onLimitChange`). Metrics go to the `MetricsFactory`
/// you pass (the global `MetricsSystem.factory` by default), so a library or a test can record into its own
/// registry without bootstrapping the global system.
///
/// ```swift
/// let metrics = ResilienceMetrics(factory: prometheusFactory)
///
/// let breakerMetrics = metrics.circuitBreaker(name: "inventory")
/// let breaker = CircuitBreaker(
///     configuration: breakerMetrics.instrument(.consecutive(failures: 5)),
///     onStateChange: breakerMetrics.onStateChange)
///
/// let retryMetrics = metrics.retry(name: "inventory")
/// let retry = Retry(configuration: retryMetrics.instrument(RetryConfiguration(maxAttempts: 3)), budget: budget)
///
/// let bulkhead = Bulkhead(maxConcurrentCalls: 20, onRejection: metrics.bulkhead(name: "reports").onRejection)
/// ```
public final class ResilienceMetrics: Sendable {
    /// The factory every metric is created on.
    ///
    /// ```swift
    /// let sameBackend = ResilienceMetrics(factory: metrics.factory)
    /// ```
    public let factory: any MetricsFactory
    let handles = Mutex(MetricHandles())

    /// Creates the adapter on `factory` (the global `MetricsSystem.factory` by default).
    ///
    /// ```swift
    /// let metrics = ResilienceMetrics()                      // global MetricsSystem
    /// let scoped = ResilienceMetrics(factory: testFactory)   // a registry of your own
    /// ```
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// A recorder for the circuit breaker called `name`; its state gauges start at `initialState` (closed, as a
    /// new breaker is).
    ///
    /// ```swift
    /// let recorder = metrics.circuitBreaker(name: "payments")
    /// let breaker = CircuitBreaker(
    ///     configuration: recorder.instrument(configuration), onStateChange: recorder.onStateChange)
    /// ```
    public func circuitBreaker(name: String, initialState: CircuitBreakerState = .closed) -> CircuitBreakerRecorder {
        CircuitBreakerRecorder(metrics: self, name: name, initialState: initialState)
    }

    /// A recorder for the retry strategy (or the retry budget) called `name`.
    ///
    /// ```swift
    /// let recorder = metrics.retry(name: "inventory")
    /// let retry = Retry(configuration: recorder.instrument(.init(maxAttempts: 4)), budget: budget)
    /// ```
    public func retry(name: String) -> RetryRecorder {
        RetryRecorder(metrics: self, name: name)
    }

    /// A recorder for the bulkhead called `name`.
    ///
    /// ```swift
    /// let bulkhead = Bulkhead(maxConcurrentCalls: 8, onRejection: metrics.bulkhead(name: "reports").onRejection)
    /// ```
    public func bulkhead(name: String) -> BulkheadRecorder {
        BulkheadRecorder(metrics: self, name: name)
    }

    /// A recorder for the rate limiter called `name`.
    ///
    /// ```swift
    /// let limiter = RateLimiter(.tokenBucket(capacity: 50, refillRate: 25),
    ///                           onRejection: metrics.rateLimiter(name: "pricing").onRejection)
    /// ```
    public func rateLimiter(name: String) -> RateLimiterRecorder {
        RateLimiterRecorder(metrics: self, name: name)
    }

    /// A recorder for the adaptive concurrency limiter called `name`; its limit gauge starts at `initialLimit`
    /// when given.
    ///
    /// ```swift
    /// let recorder = metrics.concurrencyLimiter(name: "inventory", initialLimit: 20)
    /// let limiter = AdaptiveConcurrencyLimiter(
    ///     algorithm: .gradient(.init(initialLimit: 20)),
    ///     onLimitChange: recorder.onLimitChange, onRejection: recorder.onRejection)
    /// ```
    public func concurrencyLimiter(name: String, initialLimit: Int? = nil) -> ConcurrencyLimiterRecorder {
        ConcurrencyLimiterRecorder(metrics: self, name: name, initialLimit: initialLimit)
    }

    /// A recorder for the load shedder called `name`; its limit gauge starts at `initialLimit` when given. An
    /// admission that waited at least `queuedThreshold` counts as queued.
    ///
    /// ```swift
    /// let recorder = metrics.loadShedder(name: "api", initialLimit: 50)
    /// let shedder = LoadShedder(
    ///     configuration: .init(algorithm: .gradient(.init(initialLimit: 50))),
    ///     onLimitChange: recorder.onLimitChange, onRejection: recorder.onRejection)
    /// ```
    public func loadShedder(
        name: String, initialLimit: Int? = nil, queuedThreshold: Duration = .microseconds(100)
    ) -> LoadShedderRecorder {
        LoadShedderRecorder(metrics: self, name: name, initialLimit: initialLimit, queuedThreshold: queuedThreshold)
    }
}
