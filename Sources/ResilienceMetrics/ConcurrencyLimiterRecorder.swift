import Metrics
public import Resilience

/// Records one ``Resilience/AdaptiveConcurrencyLimiter``'s limit and rejections:
///
/// - `resilience_concurrencylimiter_limit{name}`: the current adaptive limit (a gauge),
/// - `resilience_rejections_total{name,strategy="concurrencylimiter",reason="concurrency_limit",criticality}`,
///   `criticality` being the rejected task's ``Resilience/Criticality/current``.
///
/// ```swift
/// let recorder = metrics.concurrencyLimiter(name: "inventory", initialLimit: 20)
/// let limiter = AdaptiveConcurrencyLimiter(
///     algorithm: .gradient(.init(initialLimit: 20, maxLimit: 200)),
///     onLimitChange: recorder.onLimitChange, onRejection: recorder.onRejection)
/// ```
public final class ConcurrencyLimiterRecorder: Sendable {
    /// The `name` dimension of every metric this recorder writes.
    ///
    /// ```swift
    /// print(recorder.name)  // "inventory"
    /// ```
    public let name: String
    private let metrics: ResilienceMetrics
    private let limit: Gauge

    init(metrics: ResilienceMetrics, name: String, initialLimit: Int?) {
        self.metrics = metrics
        self.name = name
        self.limit = metrics.gauge(ResilienceMetricName.concurrencyLimiterLimit, [("name", name)])
        if let initialLimit { self.limit.record(initialLimit) }
    }

    /// The closure to pass as the limiter's `onLimitChange`.
    ///
    /// ```swift
    /// let limiter = AdaptiveConcurrencyLimiter(algorithm: .aimd(.init()), onLimitChange: recorder.onLimitChange)
    /// ```
    public var onLimitChange: @Sendable (Int) -> Void {
        { [self] limit in self.record(limit: limit) }
    }

    /// The closure to pass as the limiter's `onRejection`.
    ///
    /// ```swift
    /// let limiter = AdaptiveConcurrencyLimiter(algorithm: .aimd(.init()), onRejection: recorder.onRejection)
    /// ```
    public var onRejection: @Sendable (AdaptiveResilienceError) -> Void {
        { [self] error in self.recordRejection(error) }
    }

    /// Sets the limit gauge.
    ///
    /// ```swift
    /// recorder.record(limit: limiter.limit)
    /// ```
    public func record(limit: Int) {
        self.limit.record(limit)
    }

    /// Counts one rejection with `error`'s reason, under `criticality` (the task's current one by default).
    ///
    /// ```swift
    /// recorder.recordRejection(.concurrencyLimitExceeded)
    /// ```
    public func recordRejection(_ error: AdaptiveResilienceError, criticality: Criticality? = nil) {
        self.metrics.recordRejection(
            name: self.name, strategy: "concurrencylimiter", reason: RejectionReason.label(for: error),
            criticality: criticality ?? RejectionReason.currentCriticality)
    }
}
