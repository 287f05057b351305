/// Counter baselines of one scrape target.
struct TargetState: Sendable {
    struct Baseline: Sendable {
        var value: Double
        /// The scrape that last saw the series; anything older than the latest scrape is dropped.
        var generation: UInt32
    }

    var series: [SeriesKey: Baseline] = [:]
    var generation: UInt32 = 0
}
