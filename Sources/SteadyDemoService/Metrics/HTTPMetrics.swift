import Prometheus
import Synchronization

/// The golden-signal metrics of user traffic, kept in the service's own `PrometheusCollectorRegistry`:
///
/// - `http_requests_total{method,route,code}` (traffic and errors),
/// - `http_request_duration_seconds{method,route}` (latency),
/// - `http_requests_in_flight` and `checkout_saturation_ratio` (saturation: in-flight / capacity, clamped to 1).
final class HTTPMetrics: Sendable {
    /// The `route` label of requests that matched no route.
    static let unmatchedRoute = "unmatched"
    /// Latency buckets, in seconds.
    static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private struct SeriesKey: Hashable {
        var method: String
        var route: String
        var code: Int
    }

    private struct RouteKey: Hashable {
        var method: String
        var route: String
    }

    private static var requestsDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_requests_total",
            unitName: "",
            helpText: "HTTP requests served, by method, route template and status code."
        )
    }
    private static var durationDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_request_duration",
            unitName: "seconds",
            helpText: "HTTP request latency, by method and route template."
        )
    }
    private static var inFlightDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_requests_in_flight",
            unitName: "",
            helpText: "HTTP requests being served."
        )
    }
    private static var saturationDescriptor: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "checkout_saturation_ratio",
            unitName: "",
            helpText: "In-flight requests divided by the configured capacity, from 0 to 1."
        )
    }

    let registry: PrometheusCollectorRegistry
    let capacity: Int
    private let counters = Mutex<[SeriesKey: Counter]>([:])
    private let histograms = Mutex<[RouteKey: ValueHistogram]>([:])
    private let inFlight = Mutex<Int>(0)
    private let inFlightGauge: Gauge
    private let saturationGauge: Gauge

    init(registry: PrometheusCollectorRegistry, capacity: Int) {
        self.registry = registry
        self.capacity = max(1, capacity)
        inFlightGauge = registry.makeGauge(descriptor: Self.inFlightDescriptor)
        saturationGauge = registry.makeGauge(descriptor: Self.saturationDescriptor)
        inFlightGauge.set(0.0)
        saturationGauge.set(0.0)
    }

    /// Whether requests to `path` count as user traffic. `/metrics`, `/health/…` and `/admin/…` do not, so the golden
    /// signals reflect users only.
    static func isUserTraffic(path: String) -> Bool {
        let first = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true).first ?? ""
        return first != "metrics" && first != "health" && first != "admin"
    }

    func requestStarted() {
        adjustInFlight(by: 1)
    }

    func requestFinished(method: String, route: String, code: Int, duration: Duration) {
        counter(SeriesKey(method: method, route: route, code: code)).increment()
        histogram(RouteKey(method: method, route: route)).record(max(0, duration.secondsValue))
        adjustInFlight(by: -1)
    }

    private func adjustInFlight(by delta: Int) {
        // Both gauges are set under the lock so they always agree with each other.
        inFlight.withLock { value in
            value += delta
            inFlightGauge.set(Double(value))
            saturationGauge.set(min(1, Double(max(0, value)) / Double(capacity)))
        }
    }

    private func counter(_ key: SeriesKey) -> Counter {
        if let counter = counters.withLock({ $0[key] }) { return counter }
        let counter = registry.makeCounter(
            descriptor: Self.requestsDescriptor,
            labels: [("method", key.method), ("route", key.route), ("code", String(key.code))]
        )
        counters.withLock { $0[key] = counter }
        return counter
    }

    private func histogram(_ key: RouteKey) -> ValueHistogram {
        if let histogram = histograms.withLock({ $0[key] }) { return histogram }
        let histogram = registry.makeValueHistogram(
            descriptor: Self.durationDescriptor,
            labels: [("method", key.method), ("route", key.route)],
            buckets: Self.durationBuckets
        )
        histograms.withLock { $0[key] = histogram }
        return histogram
    }
}
