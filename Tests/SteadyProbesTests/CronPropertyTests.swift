import Foundation
import SteadyModel
import Testing

/// `nextFireTime` against a brute-force matcher that walks every UTC minute, reads its local time with Foundation's
/// `Calendar`, and applies the documented rules directly: a matching local minute fires; for fixed-time
/// expressions a local minute seen earlier (clocks went back) does not fire again, and the first minute after a
/// forward jump fires when any skipped local minute matched.
@Suite struct CronPropertyTests {
    static let zones = [
        "UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Santiago", "America/St_Johns",
        "America/Sao_Paulo", "Australia/Lord_Howe", "Australia/Sydney", "Pacific/Auckland", "Asia/Tehran",
        "Asia/Kolkata", "Africa/Casablanca", "Antarctica/Troll", "America/Havana", "Pacific/Chatham",
    ]

    struct Local: Equatable {
        var year, month, day, hour, minute, weekday: Int
    }

    static func local(_ seconds: Int64, _ calendar: Calendar) -> Local {
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .weekday], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return Local(
            year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!,
            weekday: parts.weekday! - 1)
    }

    /// Seconds of the local wall time read as UTC.
    static func wall(_ local: Local, _ utcCalendar: Calendar) -> Int64 {
        let date = utcCalendar.date(
            from: DateComponents(
                year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute))!
        return Int64(date.timeIntervalSince1970)
    }

    static func matches(_ cron: CronExpression, _ local: Local) -> Bool {
        cron.matches(minute: local.minute, hour: local.hour, day: local.day, month: local.month, weekday: local.weekday)
    }

    static func bruteForce(_ cron: CronExpression, zone: TimeZone, after: Int64, until: Int64) -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var fires: [Int64] = []
        var t = (after / 60 + 1) * 60
        while t <= until {
            let now = local(t, calendar)
            var fire = false
            if !cron.isFixedTime {
                fire = matches(cron, now)
            } else {
                if matches(cron, now) {
                    // A repeat of a local minute already seen (clocks went back) does not fire.
                    fire = !(1...240).contains { local(t - 60 * Int64($0), calendar) == now }
                }
                let previousWall = wall(local(t - 60, calendar), utc)
                let currentWall = wall(now, utc)
                if !fire, currentWall - previousWall > 60 {
                    var skipped = previousWall + 60
                    while skipped < currentWall, !fire {
                        fire = matches(cron, local(skipped, utc))
                        skipped += 60
                    }
                }
            }
            if fire { fires.append(t) }
            t += 60
        }
        return fires
    }

    static func randomField(
        _ range: ClosedRange<Int>, names: [String], starWeight: Int, using random: inout SplitMix64
    ) -> String {
        func value() -> String {
            let number = Int.random(in: range, using: &random)
            if !names.isEmpty, Bool.random(using: &random) {
                let index = (number - range.lowerBound) % names.count
                return Bool.random(using: &random) ? names[index] : names[index].uppercased()
            }
            return "\(number)"
        }
        switch Int.random(in: 0..<(6 + starWeight), using: &random) {
        case 0: return "*/\(Int.random(in: 1...max(1, range.count / 2), using: &random))"
        case 1:
            let low = Int.random(in: range, using: &random)
            let high = Int.random(in: low...range.upperBound, using: &random)
            return "\(low)-\(high)"
        case 2:
            let low = Int.random(in: range, using: &random)
            let high = Int.random(in: low...range.upperBound, using: &random)
            return "\(low)-\(high)/\(Int.random(in: 1...4, using: &random))"
        case 3: return (0..<Int.random(in: 2...4, using: &random)).map { _ in value() }.joined(separator: ",")
        case 4, 5: return value()
        default: return "*"
        }
    }

    /// A random expression; with `hours`, the hour field is exactly that (to aim at a DST change).
    static func randomExpression(hours: String?, using random: inout SplitMix64) -> String {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        return [
            randomField(0...59, names: [], starWeight: hours == nil ? 1 : 0, using: &random),
            hours ?? randomField(0...23, names: [], starWeight: 2, using: &random),
            randomField(1...31, names: [], starWeight: 8, using: &random),
            randomField(1...12, names: months, starWeight: 10, using: &random),
            randomField(0...7, names: days, starWeight: 6, using: &random),
        ].joined(separator: " ")
    }

    @Test("nextFireTime agrees with a minute-by-minute matcher around DST changes", arguments: 0..<8)
    func agreesWithBruteForce(batch: Int) throws {
        var random = SplitMix64(seed: 0xC0FFEE + UInt64(batch))
        var checkedFires = 0
        for _ in 0..<24 {
            let zoneName = Self.zones[Int.random(in: 0..<Self.zones.count, using: &random)]
            let zone = try #require(TimeZone(identifier: zoneName), "\(zoneName) missing from tzdata")
            // Start up to a day and a half before a transition (or anywhere, for zones without DST).
            let year = Int.random(in: 1990...2037, using: &random)
            let base = Date(timeIntervalSince1970: TimeInterval((Int64(year) - 1970) * 31_556_952))
                .addingTimeInterval(TimeInterval(Int.random(in: 0..<31_556_952, using: &random)))
            let anchor = zone.nextDaylightSavingTimeTransition(after: base) ?? base
            // Half of the expressions name the local hours on both sides of the change (skipped or repeated).
            var hours: String?
            if Bool.random(using: &random) {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = zone
                let before = calendar.component(.hour, from: anchor.addingTimeInterval(-1800))
                let after = calendar.component(.hour, from: anchor.addingTimeInterval(1800))
                hours = before <= after ? "\(before)-\(after)" : "\(before),\(after)"
            }
            let text = Self.randomExpression(hours: hours, using: &random)
            let cron = try CronExpression(parsing: text)
            let after =
                Int64(anchor.timeIntervalSince1970) - Int64(Int.random(in: 0..<129_600, using: &random))
                + Int64(Int.random(in: 0..<60, using: &random))
            let until = after + 2 * 86_400
            let expected = Self.bruteForce(cron, zone: zone, after: after, until: until)
            var actual: [Int64] = []
            var cursor = WallInstant(nanosecondsSinceEpoch: after * 1_000_000_000)
            while let next = cron.nextFireTime(after: cursor, in: zone),
                next.nanosecondsSinceEpoch <= until * 1_000_000_000
            {
                actual.append(next.nanosecondsSinceEpoch / 1_000_000_000)
                cursor = next
                if actual.count > expected.count + 1 { break }
            }
            #expect(
                actual == expected,
                "\(text) in \(zoneName) after \(Timestamp.format(WallInstant(secondsSinceEpoch: Double(after))))")
            checkedFires += expected.count
        }
        // The generator must produce expressions that actually fire, or the comparison proves little.
        #expect(checkedFires > 100)
    }
}
