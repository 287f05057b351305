/// Finished time slices of an SLO with a timeslice budgeting method, as prefix sums over slice indices.
///
/// - Timeslices: each finished slice adds `good` 1 when its SLI reached the slice target (or it had no events),
///   0 otherwise, and `total` 1.
/// - RatioTimeslices: each finished slice with events adds its SLI as `good` and 1 as `total`; empty slices add
///   nothing.
struct SliceLedger: Sendable {
    let sliceMinutes: Int64
    private var ring: PrefixSumRing
    /// The newest slice already finalised.
    private(set) var lastFinalized: Int64?

    init(sliceMinutes: Int64, periodMinutes: Int64) {
        self.sliceMinutes = max(1, sliceMinutes)
        let slices = Int((periodMinutes + self.sliceMinutes - 1) / self.sliceMinutes)
        ring = PrefixSumRing(capacity: slices + 3)
    }

    /// The slice holding `minute`.
    func slice(ofMinute minute: Int64) -> Int64 { SLIHistory.floorDiv(minute, sliceMinutes) }

    mutating func finalize(slice: Int64, good: Double, total: Double) {
        ring.add(slot: slice, good: good, total: total)
        lastFinalized = max(lastFinalized ?? slice, slice)
    }

    mutating func markFinalized(through slice: Int64) { lastFinalized = max(lastFinalized ?? slice, slice) }

    func sum(from start: Int64, through end: Int64) -> EventCounts? { ring.sum(from: start, through: end) }
}
