/// Cumulative sums of good/total events over fixed-width slots (minutes, hours, slices), kept for the last
/// `capacity` slots in a ring. The sum over any retained range of slots is one subtraction — windows are exact
/// and cost O(1) however long they are.
///
/// Slots are absolute indices (for example minutes since the epoch). Slots before the first recorded one hold
/// zero events. Adding to the newest slot is O(1); adding to an older retained slot (late data, backfill) updates
/// the cumulative sums after it.
struct PrefixSumRing: Sendable {
    let capacity: Int
    private var cumulativeGood: [Double]
    private var cumulativeTotal: [Double]
    /// First slot ever recorded (earlier slots are zero).
    private(set) var first: Int64?
    /// Newest recorded slot.
    private(set) var latest: Int64?

    init(capacity: Int) {
        precondition(capacity >= 2, "a ring needs at least two slots")
        self.capacity = capacity
        cumulativeGood = Array(repeating: 0, count: capacity)
        cumulativeTotal = Array(repeating: 0, count: capacity)
    }

    /// The oldest slot whose cumulative sum is still held.
    var oldestRetained: Int64? { latest.map { max(first ?? $0, $0 - Int64(capacity) + 1) } }

    private func index(_ slot: Int64) -> Int {
        let remainder = slot % Int64(capacity)
        return Int(remainder < 0 ? remainder + Int64(capacity) : remainder)
    }

    /// Adds events to `slot`. Returns false (and changes nothing) when the slot is older than the ring retains.
    @discardableResult
    mutating func add(slot: Int64, good: Double, total: Double) -> Bool {
        guard let newest = latest, let firstSlot = first else {
            first = slot
            latest = slot
            cumulativeGood[index(slot)] = good
            cumulativeTotal[index(slot)] = total
            return true
        }
        if slot > newest {
            let carriedGood = cumulativeGood[index(newest)]
            let carriedTotal = cumulativeTotal[index(newest)]
            // Fill skipped slots (at most one lap of the ring) with the carried sums: they had no events.
            var fill = max(newest + 1, slot - Int64(capacity) + 1)
            while fill < slot {
                cumulativeGood[index(fill)] = carriedGood
                cumulativeTotal[index(fill)] = carriedTotal
                fill += 1
            }
            cumulativeGood[index(slot)] = carriedGood + good
            cumulativeTotal[index(slot)] = carriedTotal + total
            latest = slot
            return true
        }
        let oldest = max(firstSlot, newest - Int64(capacity) + 1)
        if slot >= oldest {
            var current = slot
            while current <= newest {
                cumulativeGood[index(current)] += good
                cumulativeTotal[index(current)] += total
                current += 1
            }
            return true
        }
        // Before the first recorded slot but still within one lap: earlier slots were zero.
        guard slot < firstSlot, slot > newest - Int64(capacity) else { return false }
        var current = slot
        while current < firstSlot {
            cumulativeGood[index(current)] = good
            cumulativeTotal[index(current)] = total
            current += 1
        }
        while current <= newest {
            cumulativeGood[index(current)] += good
            cumulativeTotal[index(current)] += total
            current += 1
        }
        first = slot
        return true
    }

    /// Cumulative events up to and including `slot`; nil when that slot is no longer retained.
    func cumulative(through slot: Int64) -> EventCounts? {
        guard let newest = latest, let firstSlot = first else { return .zero }
        if slot < firstSlot { return .zero }
        let clamped = min(slot, newest)
        guard clamped > newest - Int64(capacity) else { return nil }
        let position = index(clamped)
        return EventCounts(good: cumulativeGood[position], total: cumulativeTotal[position])
    }

    /// Events in slots `from...through`; nil when the range starts before what the ring retains.
    func sum(from start: Int64, through end: Int64) -> EventCounts? {
        guard end >= start else { return .zero }
        guard let upper = cumulative(through: end), let lower = cumulative(through: start - 1) else { return nil }
        return upper - lower
    }

    /// Whether `sum(from:through:)` can answer a range starting at `start`.
    func canSum(from start: Int64) -> Bool { cumulative(through: start - 1) != nil }
}
