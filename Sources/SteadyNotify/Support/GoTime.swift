import SteadyModel

/// Go's `time.Time` printing, in UTC: RFC3339Nano (JSON), `String()`, and a subset of `Format` layouts.
enum GoTime {
    struct Components {
        var year: Int64
        var month: Int64
        var day: Int64
        var hour: Int64
        var minute: Int64
        var second: Int64
        var nanosecond: Int64
        /// 0 = Sunday.
        var weekday: Int64
        var dayOfYear: Int64
    }

    /// Go's zero time, 0001-01-01T00:00:00Z.
    static let zero = Components(
        year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanosecond: 0, weekday: 1, dayOfYear: 1)

    static func components(_ instant: WallInstant?) -> Components {
        guard let instant else { return zero }
        let nanos = instant.nanosecondsSinceEpoch
        var seconds = nanos / 1_000_000_000
        var remainder = nanos % 1_000_000_000
        if remainder < 0 {
            seconds -= 1
            remainder += 1_000_000_000
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = Timestamp.civil(fromDays: days)
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
        let dayOfYear = days - Timestamp.daysFromCivil(year: year, month: 1, day: 1) + 1
        return Components(
            year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60,
            second: secondOfDay % 60, nanosecond: remainder, weekday: weekday, dayOfYear: dayOfYear)
    }

    /// `time.RFC3339Nano` as `encoding/json` prints a UTC time: `2024-05-01T12:00:00.5Z`, trailing zeros trimmed.
    static func rfc3339Nano(_ instant: WallInstant?) -> String {
        let c = components(instant)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2) + fraction(c.nanosecond, digits: 9, trim: true) + "Z"
    }

    /// `Time.String()`: `2024-05-01 12:00:00.5 +0000 UTC`.
    static func string(_ instant: WallInstant?) -> String {
        let c = components(instant)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + " " + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2) + fraction(c.nanosecond, digits: 9, trim: true)
            + " +0000 UTC"
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `Time.Format(layout)` for UTC times, covering the reference-time elements of Go's layouts.
    static func format(_ instant: WallInstant?, layout: String) -> String {
        let c = components(instant)
        let tokens: [(String, (Components) -> String)] = [
            ("January", { monthNames[Int($0.month) - 1] }),
            ("Monday", { dayNames[Int($0.weekday)] }),
            ("2006", { pad($0.year, 4) }),
            ("Z07:00", { _ in "Z" }), ("Z0700", { _ in "Z" }), ("Z07", { _ in "Z" }),
            ("-07:00", { _ in "+00:00" }), ("-0700", { _ in "+0000" }), ("-07", { _ in "+00" }),
            ("Jan", { String(monthNames[Int($0.month) - 1].prefix(3)) }),
            ("Mon", { String(dayNames[Int($0.weekday)].prefix(3)) }),
            ("MST", { _ in "UTC" }),
            ("002", { pad($0.dayOfYear, 3) }),
            ("01", { pad($0.month, 2) }), ("02", { pad($0.day, 2) }),
            ("_2", { $0.day < 10 ? " \($0.day)" : "\($0.day)" }),
            ("15", { pad($0.hour, 2) }), ("03", { pad(($0.hour + 11) % 12 + 1, 2) }), ("04", { pad($0.minute, 2) }),
            ("05", { pad($0.second, 2) }), ("06", { pad($0.year % 100, 2) }), ("PM", { $0.hour >= 12 ? "PM" : "AM" }),
            ("pm", { $0.hour >= 12 ? "pm" : "am" }),
            ("1", { "\($0.month)" }), ("2", { "\($0.day)" }), ("3", { "\(($0.hour + 11) % 12 + 1)" }),
            ("4", { "\($0.minute)" }), ("5", { "\($0.second)" }),
        ]
        let bytes = Array(layout.utf8)
        var out = ""
        var index = 0
        outer: while index < bytes.count {
            // Fractional seconds: ".000" / ",000" (fixed) or ".999" (trimmed).
            if bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                var end = index + 1
                let digit = end < bytes.count ? bytes[end] : 0
                if digit == UInt8(ascii: "0") || digit == UInt8(ascii: "9") {
                    while end < bytes.count, bytes[end] == digit { end += 1 }
                    let isDigitAfter = end < bytes.count && bytes[end] >= 0x30 && bytes[end] <= 0x39
                    if !isDigitAfter {
                        let text = fraction(c.nanosecond, digits: end - index - 1, trim: digit == UInt8(ascii: "9"))
                        out += bytes[index] == UInt8(ascii: ",") && !text.isEmpty ? "," + text.dropFirst() : text
                        index = end
                        continue
                    }
                }
            }
            for (token, render) in tokens {
                let needle = Array(token.utf8)
                if index + needle.count <= bytes.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                    out += render(c)
                    index += needle.count
                    continue outer
                }
            }
            out += String(decoding: [bytes[index]], as: UTF8.self)
            index += 1
        }
        return out
    }

    static func fraction(_ nanosecond: Int64, digits: Int, trim: Bool) -> String {
        guard digits > 0 else { return "" }
        var text = pad(nanosecond, 9)
        text = String(text.prefix(min(digits, 9)))
        if trim {
            while text.hasSuffix("0") { text.removeLast() }
            return text.isEmpty ? "" : "." + text
        }
        return "." + text
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let negative = value < 0
        let text = String(negative ? -value : value)
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return negative ? "-" + padded : padded
    }
}
