/// Good and total events (or slices) over some span.
public struct EventCounts: Sendable, Equatable {
    public var good: Double
    public var total: Double

    public init(good: Double = 0, total: Double = 0) {
        self.good = good
        self.total = total
    }

    public static let zero = EventCounts()

    /// Events that were not good (never negative).
    public var bad: Double { max(0, total - good) }
    /// good / total; nil when there were no events.
    public var ratio: Double? { total > 0 ? min(1, max(0, good / total)) : nil }
    /// bad / total; nil when there were no events.
    public var errorRatio: Double? { total > 0 ? bad / total : nil }

    static func + (lhs: EventCounts, rhs: EventCounts) -> EventCounts {
        EventCounts(good: lhs.good + rhs.good, total: lhs.total + rhs.total)
    }

    static func - (lhs: EventCounts, rhs: EventCounts) -> EventCounts {
        EventCounts(good: lhs.good - rhs.good, total: lhs.total - rhs.total)
    }

    static func += (lhs: inout EventCounts, rhs: EventCounts) { lhs = lhs + rhs }
}
