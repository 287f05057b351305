public import SteadyModel

/// Answers golden-signal queries from stored 1-minute ``SignalRollup``s, exactly: counts are summed, quantiles are
/// computed from summed bucket increases (never averaged), rates divide by the time actually covered.
///
/// ```swift
/// let rollups = try await store.rollups(service: "checkout", from: start, to: end)
/// let chart = SignalQuery.signals(from: rollups, start: start, end: end, step: .seconds(300))
/// chart.first?.latencyP99  // seconds
/// ```
///
/// The functions merge every rollup they are given; pass the rollups of one service.
public enum SignalQuery {
    /// The quantiles reported in ``GoldenSignals``.
    static let quantiles = (p50: 0.5, p95: 0.95, p99: 0.99)

    /// Golden signals in steps `[start, start+step)`, `[start+step, start+2·step)`, … up to `end`.
    ///
    /// A rollup belongs to the step containing the start of its minute; rollups outside `[start, end)` are
    /// ignored. `requestRate` divides by the step's length, or for the last, partial step by the time from its
    /// start to `end`. Returns no steps when `step` is not positive or `end <= start`. The result holds
    /// `⌈(end − start) / step⌉` elements: callers bound that (the API caps it like Prometheus's 11,000 points).
    public static func signals(
        from rollups: [SignalRollup],
        start: WallInstant,
        end: WallInstant,
        step: Duration
    ) -> [GoldenSignals] {
        let stepNanos = step.nanoseconds
        let span = end.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch
        guard stepNanos > 0, span > 0 else { return [] }
        let count = Int(span / stepNanos) + (span % stepNanos == 0 ? 0 : 1)
        var totals = [SignalTotals](repeating: SignalTotals(), count: count)
        for rollup in rollups {
            let offset = rollup.minute.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch
            guard offset >= 0, offset < span else { continue }
            totals[Int(offset / stepNanos)].add(rollup)
        }
        var result: [GoldenSignals] = []
        result.reserveCapacity(count)
        for (index, total) in totals.enumerated() {
            let stepStart = start.advanced(by: .nanoseconds(Int64(index) * stepNanos))
            let stepEnd = Swift.min(stepStart.advanced(by: step), end)
            result.append(total.signals(start: stepStart, end: stepEnd))
        }
        return result
    }

    /// Golden signals over one interval, e.g. "now" (the caller passes the last five minutes).
    ///
    /// A minute is indivisible, so the interval is widened to start at `start.minuteFloor`: every rollup whose
    /// minute starts in `[start.minuteFloor, end)` counts, the returned `start` is `start.minuteFloor`, and
    /// `requestRate` divides by `end − start.minuteFloor`. `end` is usually now, so the current minute's rollup
    /// holds data up to `end` only.
    public static func summary(of rollups: [SignalRollup], start: WallInstant, end: WallInstant) -> GoldenSignals {
        let from = start.minuteFloor
        var total = SignalTotals()
        for rollup in rollups where rollup.minute >= from && rollup.minute < end {
            total.add(rollup)
        }
        return total.signals(start: from, end: Swift.max(from, end))
    }
}
