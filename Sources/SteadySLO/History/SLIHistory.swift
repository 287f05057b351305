public import SteadyModel

/// An SLO's good/total events per minute, kept so that any window ending now is exact and O(1):
///
/// - a ring of minutes with prefix sums covering the *fine horizon* (the longest alert window plus an hour), and
/// - a ring of hours with prefix sums covering the period.
///
/// A window that fits in the fine horizon is one subtraction in the minute ring. A longer window (the period) is
/// the hours it covers entirely plus, at its trailing edge, the minutes of one partial hour. Those minutes have left
/// the minute ring, so the engine loads that hour from storage once per hour (``neededEdge(forWindowStartingAt:)``
/// and ``setEdge(hourStart:buckets:)``); an hour known to hold no events needs nothing.
///
/// ```swift
/// var history = SLIHistory(fineHorizon: .seconds(3 * 86_400 + 3600), coarseHorizon: .seconds(30 * 86_400))
/// history.record(minute: now.minuteFloor, good: 998, total: 1000)
/// history.window(endingAt: now, length: .seconds(3600))   // EventCounts(good: 998, total: 1000)
/// ```
public struct SLIHistory: Sendable {
    public let fineHorizon: Duration
    public let coarseHorizon: Duration
    private var minutes: PrefixSumRing
    private var hours: PrefixSumRing
    private var edge: Edge?

    private struct Edge: Sendable {
        var hour: Int64
        /// Cumulative counts through each minute of the hour (60 entries).
        var cumulative: [EventCounts]
    }

    /// - Parameters:
    ///   - fineHorizon: how far back minute resolution is kept in memory (at least 61 minutes).
    ///   - coarseHorizon: how far back hour resolution is kept (the longest period).
    public init(fineHorizon: Duration, coarseHorizon: Duration) {
        let fineMinutes = max(61, Int((fineHorizon.seconds / 60).rounded(.up)))
        let coarseHours = max(2, Int((coarseHorizon.seconds / 3600).rounded(.up)))
        self.fineHorizon = .seconds(fineMinutes * 60)
        self.coarseHorizon = .seconds(coarseHours * 3600)
        minutes = PrefixSumRing(capacity: fineMinutes + 2)
        hours = PrefixSumRing(capacity: coarseHours + 3)
    }

    /// The first minute with recorded events, if any.
    public var firstMinute: WallInstant? { minutes.first.map(Self.instant(minute:)) }
    /// The newest minute with recorded events, if any.
    public var latestMinute: WallInstant? { minutes.latest.map(Self.instant(minute:)) }

    /// Adds events to the minute starting at `minute` (any instant within the minute works). Events older than
    /// both horizons are ignored (returns false).
    @discardableResult
    public mutating func record(minute: WallInstant, good: Double, total: Double) -> Bool {
        guard good.isFinite, total.isFinite else { return false }
        let index = Self.minuteIndex(minute)
        let inMinutes = minutes.add(slot: index, good: good, total: total)
        let inHours = hours.add(slot: Self.floorDiv(index, 60), good: good, total: total)
        if let edge, edge.hour == Self.floorDiv(index, 60) { self.edge = nil }  // stale now; reload if needed
        return inMinutes || inHours
    }

    /// Events of the `length` (whole minutes) ending at `now`: a sliding window. A minute's bucket holds the events
    /// of `[minute, minute + 60 s)`; the minutes whose start is in `(now − length, now]` count whole, and the minute
    /// that holds `now − length` counts for the part of it after `now − length` (its events taken as spread evenly).
    ///
    /// Without that partial minute, a one-minute window would be only the minute in progress: empty just after every
    /// minute boundary, so a short burn-rate window would drop out and a firing alert would resolve and fire again.
    /// On a minute boundary the partial minute counts whole, so a window ending at `t` is exactly the `length` of
    /// whole minutes before `t` plus the (then empty) minute starting at `t`.
    ///
    /// Nil when part of it is neither in memory nor in a loaded edge.
    public func window(endingAt now: WallInstant, length: Duration) -> EventCounts? {
        let end = Self.minuteIndex(now)
        let count = max(1, Int64((length.seconds / 60).rounded()))
        guard let whole = counts(fromMinute: end - count + 1, throughMinute: end) else { return nil }
        let elapsed = now.nanosecondsSinceEpoch - end * Self.nanosecondsPerMinute
        let weight = Double(Self.nanosecondsPerMinute - elapsed) / Double(Self.nanosecondsPerMinute)
        guard let partial = counts(ofMinute: end - count) else { return nil }
        if partial.total == 0 && partial.good == 0 { return whole }
        return whole + EventCounts(good: partial.good * weight, total: partial.total * weight)
    }

    /// Events from the minute holding `start` through the minute holding `end`, both included.
    public func range(from start: WallInstant, through end: WallInstant) -> EventCounts? {
        counts(fromMinute: Self.minuteIndex(start), throughMinute: Self.minuteIndex(end))
    }

    func counts(fromMinute start: Int64, throughMinute end: Int64) -> EventCounts? {
        guard end >= start else { return .zero }
        // (The ring can know a start before its first slot yet have lost that slot: then the hours answer.)
        if let inRing = minutes.sum(from: start, through: end) { return inRing }
        let endHour = Self.floorDiv(end, 60)
        guard let recent = minutes.sum(from: endHour * 60, through: end) else { return nil }
        let startHour = Self.floorDiv(start, 60)
        let offset = Int(start - startHour * 60)
        var total = recent
        let firstFullHour = offset == 0 ? startHour : startHour + 1
        if firstFullHour <= endHour - 1 {
            guard let middle = hours.sum(from: firstFullHour, through: endHour - 1) else { return nil }
            total += middle
        }
        if offset != 0 && startHour < endHour {
            guard let partial = edgeCounts(hour: startHour, fromOffset: offset) else { return nil }
            total += partial
        }
        return total
    }

    /// Events of one minute, from the minute ring or, once it has left it, from a loaded edge.
    private func counts(ofMinute minute: Int64) -> EventCounts? {
        if let inRing = minutes.sum(from: minute, through: minute) { return inRing }
        let hour = Self.floorDiv(minute, 60)
        let offset = Int(minute - hour * 60)
        guard let fromHere = edgeCounts(hour: hour, fromOffset: offset) else { return nil }
        guard offset < 59 else { return fromHere }
        guard let fromNext = edgeCounts(hour: hour, fromOffset: offset + 1) else { return nil }
        return fromHere - fromNext
    }

    /// The hour (its start) whose per-minute buckets must be loaded before a window starting at `start` can be
    /// answered; nil when nothing is needed.
    public func neededEdge(forWindowStartingAt start: WallInstant) -> WallInstant? {
        let minute = Self.minuteIndex(start)
        if minutes.canSum(from: minute) { return nil }
        let hour = Self.floorDiv(minute, 60)
        let offset = Int(minute - hour * 60)
        guard offset != 0, edgeCounts(hour: hour, fromOffset: offset) == nil else { return nil }
        return Self.instant(minute: hour * 60)
    }

    /// Provides the per-minute buckets of the hour starting at `hourStart` (as stored), for a period's trailing edge.
    public mutating func setEdge(hourStart: WallInstant, buckets: [SLIBucket]) {
        let hour = Self.floorDiv(Self.minuteIndex(hourStart), 60)
        var perMinute = Array(repeating: EventCounts.zero, count: 60)
        for bucket in buckets {
            let minute = Self.minuteIndex(bucket.minute)
            guard Self.floorDiv(minute, 60) == hour else { continue }
            perMinute[Int(minute - hour * 60)] += EventCounts(good: bucket.good, total: bucket.total)
        }
        var running = EventCounts.zero
        var cumulative: [EventCounts] = []
        cumulative.reserveCapacity(60)
        for counts in perMinute {
            running += counts
            cumulative.append(running)
        }
        edge = Edge(hour: hour, cumulative: cumulative)
    }

    /// Events of minutes `offset…59` of `hour`; nil when they are not known.
    private func edgeCounts(hour: Int64, fromOffset offset: Int) -> EventCounts? {
        if let minuteSum = minutes.sum(from: hour * 60 + Int64(offset), through: hour * 60 + 59) { return minuteSum }
        // Hours before anything was recorded, or hours known to be empty, need no minutes.
        if let first = minutes.first, hour * 60 + 59 < first { return .zero }
        if let whole = hours.sum(from: hour, through: hour), whole.total == 0, whole.good == 0 { return .zero }
        guard let edge, edge.hour == hour else { return nil }
        let before = offset > 0 ? edge.cumulative[offset - 1] : .zero
        return edge.cumulative[59] - before
    }

    static let nanosecondsPerMinute: Int64 = 60_000_000_000

    static func minuteIndex(_ instant: WallInstant) -> Int64 {
        floorDiv(instant.nanosecondsSinceEpoch, nanosecondsPerMinute)
    }

    static func instant(minute: Int64) -> WallInstant {
        WallInstant(nanosecondsSinceEpoch: minute * nanosecondsPerMinute)
    }

    static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
