public import Resilience

/// Records one ``Resilience/Bulkhead``'s rejections in
/// `resilience_rejections_total{name,strategy="bulkhead",reason,criticality}`; `reason` is `bulkhead_full`,
/// `queue_timeout` or `deadline_exceeded`, `criticality` the rejected task's ``Resilience/Criticality/current``.
///
/// ```swift
/// let recorder = metrics.bulkhead(name: "reports")
/// let bulkhead = Bulkhead(maxConcurrentCalls: 8, maxQueueLength: 16, onRejection: recorder.onRejection)
/// ```
public struct BulkheadRecorder: Sendable {
    /// The `name` dimension of every metric this recorder writes.
    ///
    /// ```swift
    /// print(recorder.name)  // "reports"
    /// ```
    public let name: String
    private let metrics: ResilienceMetrics

    init(metrics: ResilienceMetrics, name: String) {
        self.metrics = metrics
        self.name = name
    }

    /// The closure to pass as the bulkhead's `onRejection`.
    ///
    /// ```swift
    /// let bulkhead = Bulkhead(maxConcurrentCalls: 4, onRejection: recorder.onRejection)
    /// ```
    public var onRejection: @Sendable (ResilienceError) -> Void {
        { [self] error in self.recordRejection(error) }
    }

    /// Counts one rejection with `error`'s reason, under `criticality` (the task's current one by default).
    ///
    /// ```swift
    /// recorder.recordRejection(.bulkheadFull, criticality: .sheddable)
    /// ```
    public func recordRejection(_ error: ResilienceError, criticality: Criticality? = nil) {
        self.metrics.recordRejection(
            name: self.name, strategy: "bulkhead", reason: RejectionReason.label(for: error),
            criticality: criticality ?? RejectionReason.currentCriticality)
    }
}
