/// What the tracker remembers about one scrape target: every series of the last scrape that feeds a signal.
struct TargetState: Sendable {
    struct Entry: Sendable {
        var role: SeriesRole
        /// The last finite value (the counter baseline); NaN until the series has had one.
        var value: Double
        /// The scrape that last saw the series; anything older than the latest scrape is dropped.
        var generation: UInt32
    }

    var series: [SeriesKey: Entry] = [:]
    var generation: UInt32 = 0
}
