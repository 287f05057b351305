/// The text formats a scrape body can be in.
///
/// ```swift
/// ExpositionFormat(contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8") // .openMetrics
/// ExpositionFormat(contentType: "text/plain; version=0.0.4") // .prometheusText
/// ExpositionFormat(contentType: nil) // .prometheusText
/// ```
public enum ExpositionFormat: String, Sendable, Hashable, CaseIterable {
    /// Prometheus text exposition format 0.0.4 (`text/plain; version=0.0.4`).
    case prometheusText
    /// OpenMetrics 1.0 text format (`application/openmetrics-text`).
    case openMetrics

    /// Picks the format from an HTTP `Content-Type`: `application/openmetrics-text` (any parameters, any case) is
    /// OpenMetrics; anything else, including a missing header, is the Prometheus text format.
    public init(contentType: String?) {
        guard let contentType else {
            self = .prometheusText
            return
        }
        let mediaType = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
        let trimmed = mediaType.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let expected = "application/openmetrics-text".utf8
        var iterator = trimmed.makeIterator()
        for byte in expected {
            guard let next = iterator.next(), next | 0x20 == byte | 0x20 else {
                self = .prometheusText
                return
            }
        }
        while let rest = iterator.next() {
            guard rest == UInt8(ascii: " ") || rest == UInt8(ascii: "\t") else {
                self = .prometheusText
                return
            }
        }
        self = .openMetrics
    }
}
