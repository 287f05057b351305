/// Metric family types of the Prometheus text format and OpenMetrics.
public enum MetricType: String, Sendable, Codable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
    /// OpenMetrics only.
    case info, stateset, gaugehistogram, unknown
}
