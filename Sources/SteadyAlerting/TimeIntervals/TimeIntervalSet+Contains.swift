import Foundation
public import SteadyModel

extension TimeIntervalSet {
    /// Whether any of the set's intervals contains `instant` (Alertmanager's `inTimeIntervals` for one name).
    ///
    /// ```swift
    /// let weekends = TimeIntervalSet(name: "weekends", intervals: [.init(weekdays: [.init(6, 6), .init(0, 0)])])
    /// weekends.contains(saturdayNoon)   // true
    /// ```
    public func contains(_ instant: WallInstant) -> Bool {
        intervals.contains { $0.contains(instant) }
    }
}

extension TimeIntervalSet.Interval {
    /// Alertmanager's `TimeInterval.ContainsTime`: the instant is read in ``location`` (UTC when nil) and every
    /// field that is set must have a range holding it. Day-of-month ranges are resolved against the length of the
    /// month by the calendar, so `-1` is the last day also in months with a daylight-saving change (Alertmanager
    /// 0.25 derived the length from elapsed hours and got 30 for a 31-day month with a spring-forward change; fixed
    /// upstream in #5447).
    public func contains(_ instant: WallInstant) -> Bool {
        let seconds = Self.floorSeconds(instant)
        var offset = 0
        if let location {
            offset = location.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        let civil = CivilTime(localSeconds: seconds + Int64(offset))
        return contains(civil)
    }

    func contains(_ civil: CivilTime) -> Bool {
        if let times,
            !times.contains(where: { civil.minuteOfDay >= $0.startMinute && civil.minuteOfDay < $0.endMinute })
        {
            return false
        }
        if let daysOfMonth {
            let length = civil.daysInMonth
            let matches = daysOfMonth.contains { range in
                var begin = range.begin < 0 ? length + range.begin + 1 : range.begin
                var end = range.end < 0 ? length + range.end + 1 : range.end
                // A range starting after the end of this month does not apply to it.
                if begin > length { return false }
                begin = Self.clamp(begin, -length, length)
                end = Self.clamp(end, -length, length)
                return civil.day >= begin && civil.day <= end
            }
            if !matches { return false }
        }
        if let months, !months.contains(where: { civil.month >= $0.begin && civil.month <= $0.end }) {
            return false
        }
        if let weekdays, !weekdays.contains(where: { civil.weekday >= $0.begin && civil.weekday <= $0.end }) {
            return false
        }
        if let years, !years.contains(where: { civil.year >= $0.begin && civil.year <= $0.end }) {
            return false
        }
        return true
    }

    private static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int {
        if value <= low { return low }
        if value >= high { return high }
        return value
    }

    /// Whole seconds since the epoch, rounded down (minutes are all the fields look at).
    private static func floorSeconds(_ instant: WallInstant) -> Int64 {
        let nanos = instant.nanosecondsSinceEpoch
        let seconds = nanos / 1_000_000_000
        return nanos % 1_000_000_000 < 0 ? seconds - 1 : seconds
    }
}
