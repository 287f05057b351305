import Metrics
public import Resilience

/// Records one ``Resilience/LoadShedder``'s limit and rejections:
///
/// - `resilience_loadshedder_limit{name}`: the current concurrency limit (a gauge),
/// - `resilience_rejections_total{name,strategy="loadshedder",reason,criticality}`: `reason` is `shed`,
///   `queue_full` or `queue_timeout`; `criticality` is the class the request asked to be admitted as.
///
/// ```swift
/// let recorder = metrics.loadShedder(name: "api", initialLimit: 50)
/// let shedder = LoadShedder(
///     configuration: .init(algorithm: .gradient(.init(initialLimit: 50))),
///     onLimitChange: recorder.onLimitChange, onRejection: recorder.onRejection)
/// ```
public final class LoadShedderRecorder: Sendable {
    /// The `name` dimension of every metric this recorder writes.
    ///
    /// ```swift
    /// print(recorder.name)  // "api"
    /// ```
    public let name: String
    private let metrics: ResilienceMetrics
    private let limit: Gauge

    init(metrics: ResilienceMetrics, name: String, initialLimit: Int?) {
        self.metrics = metrics
        self.name = name
        self.limit = metrics.gauge(ResilienceMetricName.loadShedderLimit, [("name", name)])
        if let initialLimit { self.limit.record(initialLimit) }
    }

    /// The closure to pass as the shedder's `onLimitChange`.
    ///
    /// ```swift
    /// let shedder = LoadShedder(configuration: .init(), onLimitChange: recorder.onLimitChange)
    /// ```
    public var onLimitChange: @Sendable (Int) -> Void {
        { [self] limit in self.record(limit: limit) }
    }

    /// The closure to pass as the shedder's `onRejection`.
    ///
    /// ```swift
    /// let shedder = LoadShedder(configuration: .init(), onRejection: recorder.onRejection)
    /// ```
    public var onRejection: @Sendable (Criticality, AdaptiveResilienceError) -> Void {
        { [self] criticality, error in self.recordRejection(error, criticality: criticality) }
    }

    /// Sets the limit gauge.
    ///
    /// ```swift
    /// recorder.record(limit: shedder.limit)
    /// ```
    public func record(limit: Int) {
        self.limit.record(limit)
    }

    /// Counts one rejection of a request of `criticality` with `error`'s reason.
    ///
    /// ```swift
    /// recorder.recordRejection(.shed, criticality: .sheddable)
    /// ```
    public func recordRejection(_ error: AdaptiveResilienceError, criticality: Criticality) {
        self.metrics.recordRejection(
            name: self.name, strategy: "loadshedder", reason: RejectionReason.label(for: error),
            criticality: criticality)
    }
}
