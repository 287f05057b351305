import SteadyModel

/// Parses `Retry-After`: delay-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`.
///
/// The header comes from a remote server, so nothing in it may trap: the arithmetic cannot overflow, a delay longer
/// than ``maximumDelay`` is capped to it, and an unparseable value or a date that is not in the future is ignored
/// (nil).
enum RetryAfter {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// The longest delay a server can ask for.
    static let maximumDelay: Duration = .seconds(3600)

    static func parse(_ value: String, now: WallInstant) -> Duration? {
        let text = value.trimmingSpaces
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // Digits only: anything too long for an Int is far beyond the cap.
            guard let seconds = Int64(text) else { return maximumDelay }
            return min(.seconds(seconds), maximumDelay)
        }
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (four-digit years keep the arithmetic small).
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", parts[1].utf8.count == 2, let day = Int64(parts[1]),
            let monthIndex = months.firstIndex(of: String(parts[2])), parts[3].utf8.count == 4,
            let year = Int64(parts[3]), year >= 0
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.utf8.count == 2 }), let hour = Int64(clock[0]),
            let minute = Int64(clock[1]), let second = Int64(clock[2]),
            (1...31).contains(day), (0..<24).contains(hour), (0..<60).contains(minute), (0..<61).contains(second)
        else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: Int64(monthIndex + 1), day: day)
        let target = days * 86_400 + hour * 3600 + minute * 60 + second  // |target| < 3.2e11: no overflow.
        // Duration holds 128 bits, so the difference cannot overflow whatever `now` is.
        let delay = Duration.seconds(target) - Duration.nanoseconds(now.nanosecondsSinceEpoch)
        guard delay > .zero else { return nil }
        return min(delay, maximumDelay)
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
