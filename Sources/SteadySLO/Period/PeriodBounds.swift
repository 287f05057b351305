public import Foundation
public import SteadyModel

/// Where an SLO's period starts and ends at a given instant.
///
/// Rolling periods end now and start one period ago. Calendar periods (week starting Monday, month, quarter) are
/// aligned to midnight in the SLO's IANA time zone, daylight-saving changes included, and reset at the boundary.
///
/// ```swift
/// let bounds = PeriodBounds(period: .calendar(.month, timeZone: "Europe/Paris"), at: now)
/// bounds.start   // 1st of this month, 00:00 in Paris
/// bounds.end     // 1st of next month, 00:00 in Paris
/// ```
public struct PeriodBounds: Sendable, Equatable {
    public var start: WallInstant
    /// Nil for rolling periods (they end now).
    public var end: WallInstant?

    public init(start: WallInstant, end: WallInstant?) {
        self.start = start
        self.end = end
    }

    /// Whether `instant` falls in this (calendar) period.
    public func covers(_ instant: WallInstant) -> Bool {
        guard let end else { return false }
        return instant >= start && instant < end
    }

    /// The length the budget refers to: the rolling duration, or the whole calendar period.
    public var length: Duration? { end.map { start.duration(to: $0) } }

    public init(period: SLOPeriod, at now: WallInstant) {
        switch period {
        case .rolling(let duration):
            // Whole minutes: the window holds the minute of `now` and the minutes before it.
            let minutes = max(1, Int64((duration.seconds / 60).rounded()))
            let start = now.minuteFloor.advanced(by: .seconds(-(minutes - 1) * 60))
            self.init(start: start, end: nil)
        case .calendar(let unit, let zone):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
            calendar.firstWeekday = 2  // ISO weeks start on Monday
            calendar.minimumDaysInFirstWeek = 4
            let date = now.date
            let start: Date
            let end: Date
            switch unit {
            case .week:
                let interval = calendar.dateInterval(of: .weekOfYear, for: date)!
                start = interval.start
                end = interval.end
            case .month:
                let interval = calendar.dateInterval(of: .month, for: date)!
                start = interval.start
                end = interval.end
            case .quarter:
                let components = calendar.dateComponents([.year, .month], from: date)
                let firstMonth = ((components.month! - 1) / 3) * 3 + 1
                start = calendar.date(from: DateComponents(year: components.year, month: firstMonth, day: 1))!
                end = calendar.date(byAdding: .month, value: 3, to: start)!
            }
            self.init(start: WallInstant(date: start), end: WallInstant(date: end))
        }
    }
}
