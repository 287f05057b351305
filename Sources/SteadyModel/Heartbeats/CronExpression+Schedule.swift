public import Foundation

extension CronExpression {
    /// How far ahead ``nextFireTime(after:in:)`` looks before giving up (an expression like `0 0 30 2 *` never
    /// fires).
    public static let searchHorizonYears = 8

    /// The first fire time strictly after `instant`, with local times read in `timeZone`; nil when the expression
    /// does not fire within ``searchHorizonYears`` years.
    ///
    /// Every existing local minute that matches fires once. For ``isFixedTime`` expressions, daylight-saving
    /// changes are handled as Vixie/ISC cron does: matching local times skipped by a forward jump fire once at the
    /// instant the jump happens, and local times that occur twice when clocks go back fire only the first time.
    ///
    /// ```swift
    /// let daily = try CronExpression(parsing: "30 2 * * *")
    /// // 2026-03-29 in Berlin has no 02:30: the run happens at 03:00 CEST (01:00 UTC).
    /// daily.nextFireTime(after: saturdayNoon, in: TimeZone(identifier: "Europe/Berlin")!)
    /// ```
    public func nextFireTime(after instant: WallInstant, in timeZone: TimeZone) -> WallInstant? {
        let zone = ZoneOffsets(timeZone)
        let afterSeconds = instant.nanosecondsSinceEpoch.flooredDivision(by: 1_000_000_000)
        // Local times of later instants can be a few hours earlier around a backward jump: start well before.
        let startLocal = afterSeconds + Int64(zone.offset(at: afterSeconds))
        var wall = (startLocal - 4 * 3600).flooredDivision(by: 60) * 60
        let limitYear = CivilTime(localSeconds: startLocal).year + Self.searchHorizonYears
        var best: Int64?
        var maximumOffset = 0
        while let candidate = nextMatchingWallMinute(from: wall, limitYear: limitYear) {
            if let best, candidate - Int64(maximumOffset) > best { break }
            for fire in instants(ofWall: candidate, zone: zone) where fire > afterSeconds {
                if best == nil || fire < best! {
                    best = fire
                    maximumOffset = max(
                        zone.offset(at: fire - 86_400), zone.offset(at: fire), zone.offset(at: fire + 86_400))
                }
            }
            wall = candidate + 60
        }
        guard let best else {
            return nil
        }
        // A fire time in the same second as `instant` but later within it is impossible: fire times are whole seconds.
        return WallInstant(nanosecondsSinceEpoch: best * 1_000_000_000)
    }

    /// The instants at which the local wall minute `wall` (seconds of a naive local time) fires.
    func instants(ofWall wall: Int64, zone: ZoneOffsets) -> [Int64] {
        let before = zone.offset(at: wall - 86_400)
        let after = zone.offset(at: wall + 86_400)
        var valid: [Int64] = []
        for offset in Set([before, after, zone.offset(at: wall)]) {
            let candidate = wall - Int64(offset)
            if zone.offset(at: candidate) == offset, !valid.contains(candidate) { valid.append(candidate) }
        }
        valid.sort()
        if valid.isEmpty {
            // In a gap (clocks jumped forward over this local time).
            guard isFixedTime, after > before else { return [] }
            return [zone.transition(from: wall - Int64(after), to: wall - Int64(before), offsetAfter: after)]
        }
        if isFixedTime, let first = valid.first { return [first] }
        return valid
    }

    /// The first naive local minute at or after `wall` that matches, or nil past `limitYear`.
    func nextMatchingWallMinute(from wall: Int64, limitYear: Int) -> Int64? {
        var time = CivilTime(localSeconds: wall)
        while time.year <= limitYear {
            if months >> time.month & 1 == 0 {
                time.startNextMonth()
                continue
            }
            if !dayMatches(day: time.day, weekday: time.weekday) {
                time.startNextDay()
                continue
            }
            let hourMask = (hours >> time.hour) << time.hour
            if hourMask == 0 {
                time.startNextDay()
                continue
            }
            let hour = hourMask.trailingZeroBitCount
            if hour != time.hour {
                time.hour = hour
                time.minute = 0
            }
            let minuteMask = (minutes >> time.minute) << time.minute
            if minuteMask == 0 {
                time.minute = 0
                time.hour += 1
                if time.hour == 24 { time.startNextDay() }
                continue
            }
            time.minute = minuteMask.trailingZeroBitCount
            return time.localSeconds
        }
        return nil
    }
}

/// UTC offsets of a time zone, by Unix second.
struct ZoneOffsets {
    let timeZone: TimeZone

    init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    func offset(at seconds: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The first second in `(low, high]` whose offset is `offsetAfter` (binary search; `low` is before the change).
    func transition(from low: Int64, to high: Int64, offsetAfter: Int) -> Int64 {
        var low = low
        var high = high
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == offsetAfter { high = middle } else { low = middle }
        }
        return high
    }
}

/// A proleptic Gregorian date and time of day without a time zone (Howard Hinnant's civil-date algorithms).
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// From seconds of a naive local time (local wall time read as if it were UTC).
    init(localSeconds: Int64) {
        let days = Int(localSeconds.flooredDivision(by: 86_400))
        let secondOfDay = Int(localSeconds - Int64(days) * 86_400)
        (year, month, day) = Self.civil(fromDays: days)
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
    }

    var localSeconds: Int64 {
        Int64(Self.days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60)
    }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int {
        let days = Self.days(year: year, month: month, day: day)
        return ((days % 7) + 11) % 7
    }

    mutating func startNextDay() {
        hour = 0
        minute = 0
        day += 1
        if day > Self.daysInMonth(year: year, month: month) { startNextMonth() }
    }

    mutating func startNextMonth() {
        hour = 0
        minute = 0
        day = 1
        month += 1
        if month > 12 {
            month = 1
            year += 1
        }
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    fileprivate func flooredDivision(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
