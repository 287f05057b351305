public import SteadyModel

/// Parses scrape bodies in the Prometheus text format 0.0.4 or OpenMetrics 1.0 text format into a ``ScrapeBody``.
///
/// One-shot use:
/// ```swift
/// let body = try ExpositionParser.parse(bytes, contentType: response.contentType)
/// for sample in body.samples { print(sample.name, sample.labels, sample.value) }
/// ```
///
/// A scrape loop should keep one parser per target and call the mutating ``parse(_:format:)``: the parser keeps
/// the names, label values and label sets it has seen, so bodies that repeat the previous one's series allocate
/// almost nothing beyond the samples array. Caches are bounded and reset when they fill up.
///
/// Both formats are parsed straight from UTF-8 bytes. Label sets are sorted by name; empty label values are dropped
/// (they mean "absent"); duplicate label names are an error. OpenMetrics exemplars are validated and dropped, and
/// OpenMetrics timestamps (seconds) are converted to milliseconds, truncating below the millisecond.
public struct ExpositionParser: Sendable {
    private var tables: InternTables?
    private var lastSampleCount = 0

    public init() {}

    /// Parses `bytes` in `format`, reusing this parser's caches.
    public mutating func parse(
        _ bytes: UnsafeRawBufferPointer, format: ExpositionFormat
    ) throws(ExpositionError) -> ScrapeBody {
        let count = bytes.count
        guard let raw = bytes.baseAddress, count > 0 else {
            return try Self.parseEmpty(format: format)
        }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        // Move the caches into the body parser so they stay uniquely referenced (no copy on write).
        var tables = self.tables.take() ?? InternTables()
        tables.prepare(for: format)
        var parser = BodyParser(base: base, count: count, format: format, tables: tables)
        tables = InternTables.placeholder
        let expected = lastSampleCount > 0 ? lastSampleCount + lastSampleCount / 8 : Self.countLines(base, count)
        do {
            let body = try parser.parse(expectedSamples: expected)
            self.tables = parser.tables
            lastSampleCount = body.samples.count
            return body
        } catch {
            self.tables = parser.tables
            throw error
        }
    }

    /// Parses `bytes`, choosing the format from an HTTP `Content-Type` (see ``ExpositionFormat/init(contentType:)``).
    public mutating func parse(
        _ bytes: some Collection<UInt8>, contentType: String?
    ) throws(ExpositionError) -> ScrapeBody {
        try parse(bytes, format: ExpositionFormat(contentType: contentType))
    }

    /// Parses `bytes` in `format`.
    public mutating func parse(
        _ bytes: some Collection<UInt8>, format: ExpositionFormat
    ) throws(ExpositionError) -> ScrapeBody {
        let result: Result<ScrapeBody, ExpositionError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(ExpositionError) -> ScrapeBody in
                try parse(UnsafeRawBufferPointer(buffer), format: format)
            }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBytes { buffer in
            Result { () throws(ExpositionError) -> ScrapeBody in try parse(buffer, format: format) }
        }.get()
    }

    /// Parses `text`, choosing the format from an HTTP `Content-Type`.
    public mutating func parse(_ text: String, contentType: String?) throws(ExpositionError) -> ScrapeBody {
        var text = text
        text.makeContiguousUTF8()
        return try parse(text.utf8, contentType: contentType)
    }

    /// Parses `bytes` once with fresh caches, choosing the format from an HTTP `Content-Type`.
    public static func parse(
        _ bytes: some Collection<UInt8>, contentType: String?
    ) throws(ExpositionError) -> ScrapeBody {
        var parser = ExpositionParser()
        return try parser.parse(bytes, contentType: contentType)
    }

    /// Parses `text` once with fresh caches, choosing the format from an HTTP `Content-Type`.
    public static func parse(_ text: String, contentType: String?) throws(ExpositionError) -> ScrapeBody {
        var parser = ExpositionParser()
        return try parser.parse(text, contentType: contentType)
    }

    private static func parseEmpty(format: ExpositionFormat) throws(ExpositionError) -> ScrapeBody {
        switch format {
        case .prometheusText: return ScrapeBody()
        case .openMetrics:
            throw .syntax(
                line: 1, column: 1, found: "end of input", expected: "\"# EOF\" (an OpenMetrics body ends with it)")
        }
    }

    /// Lines in the body: an upper bound of the samples, to size the array once.
    private static func countLines(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var lines = 1
        for index in 0..<count where base[index] == ASCII.newline { lines += 1 }
        return lines
    }
}
