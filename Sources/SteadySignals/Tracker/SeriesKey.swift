import SteadyModel

/// The identity of a scraped series: metric name plus label set.
struct SeriesKey: Hashable, Sendable {
    var name: String
    var labels: Labels
}
