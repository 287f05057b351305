/// What a series contributes to the golden signals; computed once per series and cached.
struct SeriesRole: Sendable, Equatable {
    /// Counter roles a series can play at the same time (the default error selector matches a subset of the
    /// request series, so a `code="500"` series is both).
    struct Counters: OptionSet, Sendable, Equatable {
        let rawValue: UInt8
        static let requests = Counters(rawValue: 1 << 0)
        static let errors = Counters(rawValue: 1 << 1)
        static let latencySum = Counters(rawValue: 1 << 2)
        static let latencyCount = Counters(rawValue: 1 << 3)
    }

    var counters: Counters = []
    /// The parsed `le` of a latency `_bucket` series.
    var bucketUpperBound: Double?
    var isSaturation = false

    static let irrelevant = SeriesRole()

    /// Whether the series is a counter whose increases are tracked.
    var isCounter: Bool { !counters.isEmpty || bucketUpperBound != nil }
}
