/// A PromQL instant-vector selector without range or offset: `name{a="b",c!="d",e=~"re",f!~"re"}`.
///
/// ```swift
/// let selector = try SeriesSelector(parsing: #"http_requests_total{code=~"5.."}"#)
/// selector.matches(name: "http_requests_total", labels: Labels(["code": "503"])) // true
/// ```
public struct SeriesSelector: Hashable, Sendable, CustomStringConvertible {
    /// The metric name, when given before the braces or as `__name__="…"`.
    public var metricName: String?
    /// Matchers other than an equality on `__name__`.
    public var matchers: [LabelMatcher]

    public init(metricName: String?, matchers: [LabelMatcher] = []) {
        self.metricName = metricName
        self.matchers = matchers
    }

    /// Whether a series matches. Absent labels match as the empty string, as in Prometheus.
    public func matches(name: String, labels: Labels) -> Bool {
        if let metricName, metricName != name { return false }
        for matcher in matchers {
            let value = matcher.name == "__name__" ? name : (labels[matcher.name] ?? "")
            if !matcher.matches(value) { return false }
        }
        return true
    }

    public func matches(_ sample: Sample) -> Bool { matches(name: sample.name, labels: sample.labels) }

    /// A copy whose metric name is replaced (used to address `_bucket`, `_sum`, `_count` series of a family).
    public func withMetricName(_ name: String) -> SeriesSelector {
        SeriesSelector(metricName: name, matchers: matchers)
    }

    public var description: String {
        let body = matchers.isEmpty ? "" : "{" + matchers.map(\.description).joined(separator: ",") + "}"
        if let metricName { return metricName + body }
        return body.isEmpty ? "{}" : body
    }
}
