import SteadyModel

/// The caches an ``ExpositionParser`` keeps between bodies: names, label values and whole label sets by their bytes.
struct InternTables: Sendable {
    /// Metric and label names (ASCII).
    var names = ByteTable<String>(maxKeyLength: 128, maxEntries: 16_384, maxArenaBytes: 1 << 20)
    /// Unescaped label values.
    var values = ByteTable<String>(maxKeyLength: 96, maxEntries: 65_536, maxArenaBytes: 4 << 20)
    /// Metric name and label set by the raw bytes of a sample from its name through the closing brace.
    var series = ByteTable<SeriesEntry>(maxKeyLength: 1024, maxEntries: 65_536, maxArenaBytes: 16 << 20)
    /// Unescaped HELP texts by their raw bytes.
    var help = ByteTable<String>(maxKeyLength: 512, maxEntries: 16_384, maxArenaBytes: 2 << 20)
    /// The format the label-set cache was filled for (raw bytes valid in one format may be invalid in the other).
    var format: ExpositionFormat?

    /// A value that holds no storage, to drop a reference while the real tables are in use elsewhere.
    static let placeholder = InternTables()

    /// Drops full tables (a target whose series churn) and label sets cached for another format.
    mutating func prepare(for format: ExpositionFormat) {
        if names.isFull { names.removeAll() }
        if values.isFull { values.removeAll() }
        if series.isFull || self.format != format { series.removeAll() }
        if help.isFull || self.format != format { help.removeAll() }
        self.format = format
    }
}

/// A cached sample identity.
struct SeriesEntry: Sendable {
    let name: String
    let labels: Labels
    /// Whether the label set has `le` / `quantile` (checked for OpenMetrics histograms and summaries).
    let hasBucketLabel: Bool
    let hasQuantileLabel: Bool

    init(name: String, labels: Labels) {
        self.name = name
        self.labels = labels
        var hasBucketLabel = false
        var hasQuantileLabel = false
        for label in labels.pairs {
            if label.name == "le" { hasBucketLabel = true } else if label.name == "quantile" { hasQuantileLabel = true }
        }
        self.hasBucketLabel = hasBucketLabel
        self.hasQuantileLabel = hasQuantileLabel
    }
}
