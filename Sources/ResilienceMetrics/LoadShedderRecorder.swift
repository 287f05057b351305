import Metrics
public import Resilience
import Synchronization

/// Records one ``Resilience/LoadShedder``'s limit, admissions and rejections:
///
/// - `resilience_loadshedder_limit{name}`: the current concurrency limit (a gauge),
/// - `resilience_rejections_total{name,strategy="loadshedder",reason,criticality}`: `reason` is `shed`,
///   `queue_full` or `queue_timeout`; `criticality` is the class the request asked to be admitted as,
/// - `resilience_loadshedder_admitted_total{name,criticality}`, `resilience_loadshedder_queued_total{name,criticality}`
///   and `resilience_loadshedder_queue_wait_seconds{name,criticality}`: what ``recordAdmission(criticality:queueWait:)``
///   reports (the shedder has no admission hook; its caller measures the wait, as SteadyHummingbird's admission
///   middleware does).
///
/// The shedder's hooks (`onLimitChange`, `onRejection`) and a caller that records rejections itself are
/// alternatives: use one or the other for a shedder, or rejections are counted twice.
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
    /// The shortest wait that counts an admission as queued. The shedder does not say whether a request queued, so
    /// the wait decides; an admission at once still takes the few nanoseconds between two clock readings.
    ///
    /// ```swift
    /// print(recorder.queuedThreshold)  // 0.0001 seconds
    /// ```
    public let queuedThreshold: Duration
    private let metrics: ResilienceMetrics
    private let limit: Gauge
    /// Admitted, queued and wait handles per criticality label, so an admission takes one lock and no allocation.
    private let admissionHandles = Mutex<[String: (admitted: Counter, queued: Counter, wait: Timer)]>([:])

    init(metrics: ResilienceMetrics, name: String, initialLimit: Int?, queuedThreshold: Duration) {
        self.metrics = metrics
        self.name = name
        self.queuedThreshold = queuedThreshold
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

    /// Counts one admission of a request admitted as `criticality` after waiting `queueWait` (from its arrival to
    /// its permit): admitted, queued when `queueWait` reaches ``queuedThreshold``, and the wait itself.
    ///
    /// ```swift
    /// let arrival = clock.now
    /// let permit = try await shedder.admit(.critical)
    /// recorder.recordAdmission(criticality: .critical, queueWait: arrival.duration(to: permit.start))
    /// ```
    public func recordAdmission(criticality: Criticality, queueWait: Duration) {
        let label = criticality.headerValue
        let handles = self.admissionHandles.withLock { cache in
            if let handles = cache[label] { return handles }
            let dimensions = [("name", self.name), ("criticality", label)]
            let handles = (
                admitted: self.metrics.counter(ResilienceMetricName.loadShedderAdmitted, dimensions),
                queued: self.metrics.counter(ResilienceMetricName.loadShedderQueued, dimensions),
                wait: self.metrics.timer(ResilienceMetricName.loadShedderQueueWait, dimensions)
            )
            cache[label] = handles
            return handles
        }
        handles.admitted.increment()
        let wait = max(.zero, queueWait)
        if wait >= self.queuedThreshold { handles.queued.increment() }
        handles.wait.record(duration: wait)
    }
}
