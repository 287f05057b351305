/// The local calendar fields of an instant (proleptic Gregorian), from Howard Hinnant's civil-date algorithms.
struct CivilTime: Equatable {
    var year: Int
    /// 1 = January.
    var month: Int
    /// 1-based.
    var day: Int
    /// 0 = Sunday.
    var weekday: Int
    /// Minutes since local midnight.
    var minuteOfDay: Int

    /// From seconds of local wall time since the epoch (the instant plus the zone's UTC offset).
    init(localSeconds: Int64) {
        let (days, secondOfDay) = Self.floorDivide(localSeconds, 86_400)
        minuteOfDay = Int(secondOfDay / 60)
        // 1970-01-01 was a Thursday.
        weekday = Int((days % 7 + 11) % 7)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
    }

    /// Days in this month, by the calendar (independent of daylight saving time).
    var daysInMonth: Int { Self.daysIn(month: month, year: year) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
