public import CoreMetrics
import Synchronization

/// The golden signals of an HTTP service, under the names Prometheus users and Steady's scraper expect:
///
/// - `http_requests_total{method,route,code}` — traffic and errors (a counter),
/// - `http_request_duration_seconds{method,route,code}` — latency (a `Timer`; a histogram in Prometheus), split by
///   status code as Prometheus's `promhttp` does, so fast errors do not hide in the latency of successes,
/// - `http_requests_in_flight` — requests being served (a gauge),
/// - optionally a saturation gauge (`in-flight / capacity`, clamped to 1) under a name you choose,
/// - `http_requests_rejected_total{reason,criticality}` — requests turned away by admission control or deadlines,
/// - `http_server_concurrency_limit` — the admission controller's current limit.
///
/// Labels stay bounded: `route` is a route template (the middleware's job), `method` is one of the standard methods
/// or `other`, `code` a status code from 100 to 599 (`"200"`, `"503"`) or `other`.
///
/// Metrics go to the `MetricsFactory` you pass (the global `MetricsSystem.factory` by default), so a service can keep
/// them in its own registry without bootstrapping the global system.
///
/// ```swift
/// var factory = PrometheusMetricsFactory(registry: registry)
/// factory.durationHistogramBuckets[HTTPServerMetrics.durationName] = HTTPServerMetrics.defaultDurationBuckets
/// let metrics = HTTPServerMetrics(factory: factory, saturation: .init(name: "checkout_saturation_ratio", capacity: 100))
/// ```
public final class HTTPServerMetrics: Sendable {
    /// `http_requests_total`.
    public static let requestsName = "http_requests_total"
    /// `http_request_duration_seconds`.
    public static let durationName = "http_request_duration_seconds"
    /// `http_requests_in_flight`.
    public static let inFlightName = "http_requests_in_flight"
    /// `http_requests_rejected_total`.
    public static let rejectedName = "http_requests_rejected_total"
    /// `http_server_concurrency_limit`.
    public static let concurrencyLimitName = "http_server_concurrency_limit"
    /// The `route` label of requests that matched no route.
    public static let unmatchedRoute = "unmatched"
    /// Latency buckets suited to request durations: 5 ms … 10 s.
    public static let defaultDurationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// A saturation gauge: in-flight requests divided by a capacity.
    public struct Saturation: Sendable, Hashable {
        /// The gauge's name, e.g. `checkout_saturation_ratio`.
        public var name: String
        /// In-flight requests at which the gauge reads 1.
        public var capacity: Int

        /// Creates the settings.
        ///
        /// ```swift
        /// let saturation = HTTPServerMetrics.Saturation(name: "api_saturation_ratio", capacity: 64)
        /// ```
        public init(name: String, capacity: Int) {
            self.name = name
            self.capacity = max(1, capacity)
        }
    }

    private struct SeriesKey: Hashable {
        var method: String
        var route: String
        var code: String
    }

    private struct RejectKey: Hashable {
        var reason: String
        var criticality: String
    }

    private struct Handles {
        var counters: [SeriesKey: Counter] = [:]
        var timers: [SeriesKey: CoreMetrics.Timer] = [:]
        var rejections: [RejectKey: Counter] = [:]
    }

    private let factory: any MetricsFactory
    private let saturation: Saturation?
    private let handles = Mutex(Handles())
    private let inFlight = Mutex<Int>(0)
    private let inFlightGauge: Gauge
    private let saturationGauge: Gauge?
    private let limitGauge: Mutex<Gauge?> = Mutex(nil)

    /// Creates the metrics on `factory`.
    ///
    /// ```swift
    /// let metrics = HTTPServerMetrics()  // global MetricsSystem
    /// ```
    public init(factory: any MetricsFactory = MetricsSystem.factory, saturation: Saturation? = nil) {
        self.factory = factory
        self.saturation = saturation
        self.inFlightGauge = Gauge(label: Self.inFlightName, dimensions: [], factory: factory)
        self.inFlightGauge.record(0)
        if let saturation {
            let gauge = Gauge(label: saturation.name, dimensions: [], factory: factory)
            gauge.record(0)
            self.saturationGauge = gauge
        } else {
            self.saturationGauge = nil
        }
    }

    /// Requests being served right now (as counted by ``GoldenSignalsMiddleware``).
    ///
    /// ```swift
    /// let busy = metrics.requestsInFlight
    /// ```
    public var requestsInFlight: Int { self.inFlight.withLock { $0 } }

    /// A request started.
    ///
    /// ```swift
    /// metrics.requestStarted()
    /// ```
    public func requestStarted() {
        self.adjustInFlight(by: 1)
    }

    /// A request finished with `code` after `duration`.
    ///
    /// ```swift
    /// metrics.requestFinished(method: "GET", route: "/api/products", code: 200, duration: .milliseconds(3))
    /// ```
    public func requestFinished(method: String, route: String, code: Int, duration: Duration) {
        let (counter, timer) = self.handles(method: method, route: route, code: code)
        counter.increment()
        let (seconds, attoseconds) = duration.components
        timer.recordNanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        self.adjustInFlight(by: -1)
    }

    /// A request was turned away (`reason`: `shed`, `queue_full`, `queue_timeout`, `deadline`).
    ///
    /// ```swift
    /// metrics.requestRejected(reason: "shed", criticality: "SHEDDABLE")
    /// ```
    public func requestRejected(reason: String, criticality: String) {
        let key = RejectKey(reason: reason, criticality: criticality)
        let counter = self.handles.withLock { handles -> Counter in
            if let counter = handles.rejections[key] { return counter }
            let counter = Counter(
                label: Self.rejectedName, dimensions: [("reason", reason), ("criticality", criticality)],
                factory: self.factory)
            handles.rejections[key] = counter
            return counter
        }
        counter.increment()
    }

    /// Publishes the admission controller's concurrency limit.
    ///
    /// ```swift
    /// metrics.recordConcurrencyLimit(shedder.limit)
    /// ```
    public func recordConcurrencyLimit(_ limit: Int) {
        let gauge = self.limitGauge.withLock { gauge -> Gauge in
            if let gauge { return gauge }
            let created = Gauge(label: Self.concurrencyLimitName, dimensions: [], factory: self.factory)
            gauge = created
            return created
        }
        gauge.record(limit)
    }

    /// The standard methods keep their name; anything else is `other`.
    static let knownMethods: Set<String> = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
    ]

    /// The `method` label: the method, or `other` for a non-standard one (so clients cannot grow the label set).
    ///
    /// ```swift
    /// HTTPServerMetrics.methodLabel("GET")    // "GET"
    /// HTTPServerMetrics.methodLabel("BREW")   // "other"
    /// ```
    public static func methodLabel(_ method: String) -> String {
        knownMethods.contains(method) ? method : "other"
    }

    /// The `code` label: the status code as text (`"503"`), or `other` outside 100…599.
    ///
    /// ```swift
    /// HTTPServerMetrics.codeLabel(503)   // "503"
    /// ```
    public static func codeLabel(_ code: Int) -> String {
        (100...599).contains(code) ? String(code) : "other"
    }

    private func handles(method: String, route: String, code: Int) -> (Counter, CoreMetrics.Timer) {
        let series = SeriesKey(method: Self.methodLabel(method), route: route, code: Self.codeLabel(code))
        return self.handles.withLock { handles in
            let dimensions = [("method", series.method), ("route", series.route), ("code", series.code)]
            let counter: Counter
            if let existing = handles.counters[series] {
                counter = existing
            } else {
                counter = Counter(label: Self.requestsName, dimensions: dimensions, factory: self.factory)
                handles.counters[series] = counter
            }
            let timer: CoreMetrics.Timer
            if let existing = handles.timers[series] {
                timer = existing
            } else {
                timer = CoreMetrics.Timer(label: Self.durationName, dimensions: dimensions, factory: self.factory)
                handles.timers[series] = timer
            }
            return (counter, timer)
        }
    }

    private func adjustInFlight(by delta: Int) {
        // Both gauges are set under the lock so they always agree.
        self.inFlight.withLock { value in
            value += delta
            self.inFlightGauge.record(value)
            if let saturation = self.saturation {
                self.saturationGauge?.record(min(1, Double(max(0, value)) / Double(saturation.capacity)))
            }
        }
    }
}
