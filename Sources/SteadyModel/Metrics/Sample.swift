/// One scraped sample: a series (metric name + labels), a value and an optional timestamp.
///
/// The metric name is kept apart from the labels (not as `__name__`) so matching by name is cheap.
public struct Sample: Hashable, Sendable {
    public var name: String
    public var labels: Labels
    public var value: Double
    /// Milliseconds since the Unix epoch, when the exposition carried one.
    public var timestampMilliseconds: Int64?

    public init(name: String, labels: Labels, value: Double, timestampMilliseconds: Int64? = nil) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
    }

    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.name == rhs.name && lhs.labels == rhs.labels && lhs.timestampMilliseconds == rhs.timestampMilliseconds
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(labels)
    }
}

/// `# TYPE`, `# HELP` and `# UNIT` information of a metric family.
public struct MetricMetadata: Hashable, Sendable {
    public var type: MetricType
    public var help: String?
    public var unit: String?

    public init(type: MetricType = .untyped, help: String? = nil, unit: String? = nil) {
        self.type = type
        self.help = help
        self.unit = unit
    }
}

/// Everything one scrape body held.
public struct ScrapeBody: Sendable {
    public var samples: [Sample]
    /// Metadata by family name (e.g. `http_request_duration_seconds`, not `…_bucket`).
    public var metadata: [String: MetricMetadata]

    public init(samples: [Sample] = [], metadata: [String: MetricMetadata] = [:]) {
        self.samples = samples
        self.metadata = metadata
    }
}
