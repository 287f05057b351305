/// A five-field cron expression as Vixie cron reads it: `minute hour day-of-month month day-of-week`.
///
/// Fields take `*`, numbers, ranges (`1-5`), steps (`*/15`, `0-30/10`, `5/15` = `5-59/15`), lists (`1,15,30`),
/// month names (`jan`–`dec`) and weekday names (`sun`–`sat`), case-insensitively; Sunday is 0 or 7. The shorthands
/// `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight` and `@hourly` are accepted. When both the
/// day-of-month and the day-of-week field are restricted (neither starts with `*`), a day matches if either matches,
/// as in Vixie cron.
///
/// ```swift
/// let weekdays = try CronExpression(parsing: "30 2 * * mon-fri")
/// let next = weekdays.nextFireTime(after: now, in: TimeZone(identifier: "Europe/Berlin")!)
/// ```
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written (trimmed).
    public let text: String
    /// Bit `n` set when minute `n` matches (0–59).
    let minutes: UInt64
    /// Bit `n` set when hour `n` matches (0–23).
    let hours: UInt32
    /// Bit `n` set when day of month `n` matches (1–31).
    let daysOfMonth: UInt32
    /// Bit `n` set when month `n` matches (1–12).
    let months: UInt16
    /// Bit `n` set when weekday `n` matches (0 = Sunday … 6 = Saturday).
    let daysOfWeek: UInt8
    let dayOfMonthStar: Bool
    let dayOfWeekStar: Bool
    /// Whether the minute or hour field starts with `*`.
    let minuteOrHourStar: Bool

    public var description: String { text }

    /// Whether the expression names specific times of day (neither the minute nor the hour field starts with `*`).
    ///
    /// Such jobs get Vixie/ISC cron's daylight-saving treatment in ``nextFireTime(after:in:)``: a time skipped when
    /// clocks go forward fires once right after the jump, and a time repeated when clocks go back fires only the
    /// first time. Other jobs fire at every existing matching local minute.
    public var isFixedTime: Bool { !minuteOrHourStar }

    /// Parses `text`; the error names the field and what was expected.
    public init(parsing text: String) throws(CronExpressionError) {
        let trimmed = text.trimmingCronWhitespace()
        var source = trimmed
        if trimmed.hasPrefix("@") {
            switch trimmed.lowercased() {
            case "@yearly", "@annually": source = "0 0 1 1 *"
            case "@monthly": source = "0 0 1 * *"
            case "@weekly": source = "0 0 * * 0"
            case "@daily", "@midnight": source = "0 0 * * *"
            case "@hourly": source = "0 * * * *"
            default: throw .unknownMacro(trimmed)
            }
        }
        let fields = source.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else { throw .fieldCount(fields.count) }
        let minute = try CronField.parse(fields[0], .minute)
        let hour = try CronField.parse(fields[1], .hour)
        let dayOfMonth = try CronField.parse(fields[2], .dayOfMonth)
        let month = try CronField.parse(fields[3], .month)
        let dayOfWeek = try CronField.parse(fields[4], .dayOfWeek)
        self.text = trimmed
        minutes = minute.bits
        hours = UInt32(truncatingIfNeeded: hour.bits)
        daysOfMonth = UInt32(truncatingIfNeeded: dayOfMonth.bits)
        months = UInt16(truncatingIfNeeded: month.bits)
        // Sunday may be written 7: fold bit 7 into bit 0.
        let weekdays = dayOfWeek.bits & 0x7F | (dayOfWeek.bits >> 7 & 1)
        daysOfWeek = UInt8(truncatingIfNeeded: weekdays)
        dayOfMonthStar = dayOfMonth.star
        dayOfWeekStar = dayOfWeek.star
        minuteOrHourStar = minute.star || hour.star
    }

    /// Whether a local wall-clock minute matches. `weekday` is 0 for Sunday … 6 for Saturday.
    public func matches(minute: Int, hour: Int, day: Int, month: Int, weekday: Int) -> Bool {
        guard (0..<60).contains(minute), (0..<24).contains(hour), (1...31).contains(day), (1...12).contains(month),
            (0..<7).contains(weekday)
        else { return false }
        return minutes >> minute & 1 == 1 && hours >> hour & 1 == 1 && months >> month & 1 == 1
            && dayMatches(day: day, weekday: weekday)
    }

    /// Vixie's rule: restricted day-of-month and day-of-week fields combine with OR, otherwise AND.
    func dayMatches(day: Int, weekday: Int) -> Bool {
        let domMatch = daysOfMonth >> day & 1 == 1
        let dowMatch = daysOfWeek >> weekday & 1 == 1
        if dayOfMonthStar || dayOfWeekStar { return domMatch && dowMatch }
        return domMatch || dowMatch
    }

    public static func == (lhs: CronExpression, rhs: CronExpression) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// One parsed field: the matching values as bits, and whether it was written starting with `*`.
struct CronField {
    enum Kind {
        case minute, hour, dayOfMonth, month, dayOfWeek

        var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day-of-month"
            case .month: "month"
            case .dayOfWeek: "day-of-week"
            }
        }

        var range: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        var names: [String] {
            switch self {
            case .month: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            case .dayOfWeek: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            default: []
            }
        }

        /// The value of the first name (`jan` = 1, `sun` = 0).
        var firstNameValue: Int { self == .month ? 1 : 0 }
    }

    var bits: UInt64
    var star: Bool

    static func parse(_ text: String, _ kind: Kind) throws(CronExpressionError) -> CronField {
        let range = kind.range
        var bits: UInt64 = 0
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !element.isEmpty else { throw .field(kind.name, "empty list element in \"\(text)\"") }
            let parts = element.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            var step = 1
            if parts.count == 2 {
                guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].count <= 4, let value = Int(parts[1])
                else {
                    throw .field(kind.name, "step \"\(parts[1])\" is not a number")
                }
                guard value >= 1 else { throw .field(kind.name, "step \(value) must be at least 1") }
                guard value <= range.upperBound else {
                    throw .field(kind.name, "step \(value) is larger than \(range.upperBound)")
                }
                step = value
            }
            let base = parts[0]
            var low: Int
            var high: Int
            if base == "*" {
                low = range.lowerBound
                high = kind == .dayOfWeek ? 6 : range.upperBound
            } else if let dash = base.firstIndex(of: "-") {
                low = try value(base[..<dash], kind)
                high = try value(base[base.index(after: dash)...], kind)
                guard low <= high else {
                    throw .field(kind.name, "range \(base) goes backwards; write it as two ranges or a list")
                }
            } else {
                low = try value(base, kind)
                // `5/15` means `5-max/15`, as in most crons.
                high = parts.count == 2 ? (kind == .dayOfWeek ? 6 : range.upperBound) : low
            }
            var current = low
            while current <= high {
                bits |= 1 << UInt64(current)
                current += step
            }
        }
        return CronField(bits: bits, star: text.hasPrefix("*"))
    }

    private static func value(_ text: Substring, _ kind: Kind) throws(CronExpressionError) -> Int {
        guard !text.isEmpty else { throw .field(kind.name, "missing value in a range") }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard text.count <= 4, let number = Int(text), kind.range.contains(number) else {
                throw .field(
                    kind.name, "\(text) is out of range \(kind.range.lowerBound)-\(kind.range.upperBound)")
            }
            return number
        }
        let lower = text.lowercased()
        if let index = kind.names.firstIndex(of: lower) { return index + kind.firstNameValue }
        if kind.names.isEmpty {
            throw .field(
                kind.name, "found \"\(text)\", expected a number \(kind.range.lowerBound)-\(kind.range.upperBound)")
        }
        let examples = kind == .month ? "jan-dec" : "sun-sat"
        throw .field(kind.name, "unknown name \"\(text)\", expected a number or a name (\(examples))")
    }
}

extension String {
    fileprivate func trimmingCronWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
