import SteadyModel

/// Parses `Retry-After`: delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`.
enum RetryAfter {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ value: String, now: WallInstant) -> Duration? {
        let text = value.trimmingSpaces
        if let seconds = Int(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int64(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int64(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int64(clock[0]), let minute = Int64(clock[1]), let second = Int64(clock[2]),
            (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = GoTime.daysFromCivil(year: year, month: Int64(monthIndex + 1), day: day)
        let instant = WallInstant(
            nanosecondsSinceEpoch: (days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000_000)
        let delay = now.duration(to: instant)
        return delay > .zero ? delay : .zero
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
