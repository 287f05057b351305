public import Resilience

/// Records one ``Resilience/RateLimiter``'s rejections in
/// `resilience_rejections_total{name,strategy="ratelimiter",reason="rate_limited",criticality}`, `criticality`
/// being the rejected task's ``Resilience/Criticality/current``.
///
/// ```swift
/// let recorder = metrics.rateLimiter(name: "pricing")
/// let limiter = RateLimiter(.tokenBucket(capacity: 50, refillRate: 25), onRejection: recorder.onRejection)
/// ```
public struct RateLimiterRecorder: Sendable {
    /// The `name` dimension of every metric this recorder writes.
    ///
    /// ```swift
    /// print(recorder.name)  // "pricing"
    /// ```
    public let name: String
    private let metrics: ResilienceMetrics

    init(metrics: ResilienceMetrics, name: String) {
        self.metrics = metrics
        self.name = name
    }

    /// The closure to pass as the rate limiter's `onRejection`.
    ///
    /// ```swift
    /// let limiter = RateLimiter(.gcra(rate: 10, period: .seconds(1), burst: 2), onRejection: recorder.onRejection)
    /// ```
    public var onRejection: @Sendable (ResilienceError) -> Void {
        { [self] error in self.recordRejection(error) }
    }

    /// Counts one rejection with `error`'s reason, under `criticality` (the task's current one by default).
    ///
    /// ```swift
    /// recorder.recordRejection(.rateLimited)
    /// ```
    public func recordRejection(_ error: ResilienceError, criticality: Criticality? = nil) {
        self.metrics.recordRejection(
            name: self.name, strategy: "ratelimiter", reason: RejectionReason.label(for: error),
            criticality: criticality ?? RejectionReason.currentCriticality)
    }
}
