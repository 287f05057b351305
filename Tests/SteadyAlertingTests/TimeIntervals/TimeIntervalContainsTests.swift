import Foundation
import SteadyAlerting
import SteadyModel
import Testing

/// Alertmanager's timeinterval tests (timeinterval_test.go) re-expressed, plus DST and month-end cases.
@Suite("Time intervals: contains")
struct TimeIntervalContainsTests {
    typealias Interval = TimeIntervalSet.Interval
    typealias Range = TimeIntervalSet.InclusiveRange

    static func at(_ text: String) -> WallInstant {
        guard let instant = Timestamp.parse(text) else { fatalError("bad time \(text)") }
        return instant
    }

    static func zone(_ name: String) -> TimeZone { TimeZone(identifier: name)! }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var interval: Interval
        var inside: [String]
        var outside: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "empty interval contains everything", interval: Interval(),
            inside: ["2006-01-02T15:04:00Z", "2007-01-03T10:04:00Z", "2006-01-04T09:04:00Z"], outside: []),
        Case(
            name: "9am to 5pm, monday to friday",
            interval: Interval(times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [Range(1, 5)]),
            inside: ["2020-05-04T15:04:00Z", "2020-05-05T10:04:00Z", "2020-06-09T09:04:00Z"],
            outside: ["2020-05-03T15:04:00Z", "2020-05-04T08:59:00Z", "2020-05-05T05:00:00Z"]),
        Case(
            name: "Easter 2020",
            interval: Interval(daysOfMonth: [Range(4, 6)], months: [Range(4, 4)], years: [Range(2020, 2020)]),
            inside: ["2020-04-04T15:04:00Z", "2020-04-05T00:00:00Z", "2020-04-06T23:05:00Z"],
            outside: [
                "2018-05-03T15:04:00Z", "2020-04-03T23:59:00Z", "2020-06-04T23:59:00Z", "2019-04-06T23:59:00Z",
                "2020-04-07T00:00:00Z",
            ]),
        Case(
            name: "last 3 days of each month", interval: Interval(daysOfMonth: [Range(-3, -1)]),
            inside: [
                "2020-01-31T15:04:00Z", "2020-01-30T15:04:00Z", "2020-01-29T15:04:00Z", "2020-06-30T00:00:00Z",
                "2020-02-29T23:05:00Z",
            ],
            outside: [
                "2018-05-03T15:04:00Z", "2020-01-27T15:04:00Z", "2020-04-03T23:59:00Z", "2020-06-04T23:59:00Z",
                "2019-04-06T23:59:00Z", "2020-04-07T00:00:00Z", "2020-03-01T00:00:00Z",
            ]),
        Case(
            name: "out of bound days are clamped to the month",
            interval: Interval(daysOfMonth: [Range(-31, 31)], months: [Range(6, 6)]),
            inside: ["2020-06-30T00:00:00Z", "2020-06-01T00:00:00Z"],
            outside: ["2020-05-31T00:00:00Z", "2020-07-01T00:00:00Z"]),
        Case(
            name: "Sydney business hours",
            interval: Interval(
                times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [Range(1, 5)],
                location: zone("Australia/Sydney")),
            inside: ["2021-04-06T13:00:00+10:00"], outside: ["2021-04-06T13:00:00Z"]),
        Case(
            name: "Sydney during daylight saving time",
            interval: Interval(
                times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [Range(1, 5)], months: [Range(11, 11)],
                location: zone("Australia/Sydney")),
            inside: ["2021-11-01T09:00:00+11:00", "2021-10-31T22:00:00Z"], outside: ["2021-10-31T21:00:00Z"]),
        Case(
            name: "last week of Q1, business hours, weekdays and sundays, 2020-2025 and 2030-2035",
            interval: Interval(
                times: [.init(startMinute: 540, endMinute: 1020)], weekdays: [Range(1, 5), Range(0, 0)],
                daysOfMonth: [Range(-7, -1)], months: [Range(1, 3)], years: [Range(2020, 2025), Range(2030, 2035)]),
            inside: [
                "2021-01-27T09:00:00Z", "2021-01-28T16:59:00Z", "2021-01-29T13:00:00Z", "2025-03-31T13:00:00Z",
                "2035-01-31T13:00:00Z",
            ],
            outside: [
                "2021-01-30T13:00:00Z", "2021-04-01T13:00:00Z", "2026-01-30T13:00:00Z", "2035-01-31T17:01:00Z",
            ]),
        Case(
            name: "complete: weekday ranges, day list with negative end",
            interval: Interval(
                times: [.init(startMinute: 780, endMinute: 900)], weekdays: [Range(1, 3), Range(6, 6), Range(0, 0)],
                daysOfMonth: [Range(1, 1), Range(10, 10), Range(20, -1)], months: [Range(1, 3)],
                years: [Range(2020, 2023)]),
            inside: ["2021-01-10T13:00:00Z", "2021-01-30T14:24:00Z"],
            outside: ["2021-01-09T13:00:00Z", "2021-01-20T12:59:00Z", "2021-02-02T13:00:00Z"]),
        Case(
            name: "a range starting after the month's end is skipped, not clamped",
            interval: Interval(daysOfMonth: [Range(30, 31)], months: [Range(2, 2)], years: [Range(2020, 2023)]),
            inside: [], outside: ["2021-02-28T13:00:00Z", "2020-02-29T13:00:00Z"]),
        Case(
            name: "the end of a day range is clamped to short months",
            interval: Interval(daysOfMonth: [Range(25, 31)]),
            inside: ["2021-02-28T00:00:00Z", "2021-04-30T23:59:00Z", "2021-05-31T12:00:00Z"],
            outside: ["2021-03-01T00:00:00Z", "2021-02-24T23:59:00Z"]),
        Case(
            name: "24:00 ends at midnight, exclusive",
            interval: Interval(times: [.init(startMinute: 1020, endMinute: 1440)]),
            inside: ["2021-01-01T17:00:00Z", "2021-01-01T23:59:59.999Z"],
            outside: ["2021-01-01T16:59:59Z", "2021-01-02T00:00:00Z"]),
        Case(
            name: "an empty list matches nothing", interval: Interval(weekdays: []), inside: [],
            outside: ["2021-01-01T12:00:00Z", "2021-01-02T12:00:00Z"]),
        Case(
            name: "last day of March in New York, across the spring-forward change",
            interval: Interval(daysOfMonth: [Range(-1, -1)], location: zone("America/New_York")),
            inside: ["2024-03-31T12:00:00-04:00", "2024-03-31T00:00:00-04:00", "2024-04-01T03:59:00Z"],
            outside: ["2024-03-30T12:00:00-04:00", "2024-04-01T00:00:00-04:00"]),
        Case(
            name: "last day of October in Berlin, across the fall-back change",
            interval: Interval(daysOfMonth: [Range(-1, -1)], location: zone("Europe/Berlin")),
            inside: ["2021-10-31T00:00:00+02:00", "2021-10-31T23:59:00+01:00"],
            outside: ["2021-10-30T23:59:00+02:00", "2021-11-01T00:00:00+01:00"]),
        Case(
            name: "local hours on the day clocks spring forward in Berlin",
            interval: Interval(times: [.init(startMinute: 120, endMinute: 180)], location: zone("Europe/Berlin")),
            inside: ["2021-03-27T02:30:00+01:00", "2021-03-29T02:00:00+02:00"],
            // 01:00Z is 03:00 CEST: the 02:00-03:00 hour does not exist that night.
            outside: ["2021-03-28T01:00:00Z", "2021-03-28T00:59:00Z"]),
        Case(
            name: "local hours repeat on the day clocks fall back in Berlin",
            interval: Interval(times: [.init(startMinute: 150, endMinute: 160)], location: zone("Europe/Berlin")),
            inside: ["2021-10-31T02:30:00+02:00", "2021-10-31T02:30:00+01:00"],
            outside: ["2021-10-31T02:00:00Z"]),
        Case(
            name: "weekday ranges in the interval's zone",
            interval: Interval(weekdays: [Range(6, 6), Range(0, 0)], location: zone("Pacific/Auckland")),
            inside: ["2021-01-01T11:00:00Z"], outside: ["2021-01-01T10:59:00Z"]),
        Case(
            name: "leap day and years before the epoch",
            interval: Interval(daysOfMonth: [Range(29, 29)], months: [Range(2, 2)]),
            inside: ["2000-02-29T00:00:00Z", "1960-02-29T23:59:00Z"],
            outside: ["1900-03-01T00:00:00Z", "2100-03-01T00:00:00Z"]),
    ]

    @Test("Alertmanager's cases and DST/month-end cases", arguments: cases)
    func contains(_ testCase: Case) {
        for text in testCase.inside {
            #expect(testCase.interval.contains(Self.at(text)), "\(testCase.name) should contain \(text)")
        }
        for text in testCase.outside {
            #expect(!testCase.interval.contains(Self.at(text)), "\(testCase.name) should not contain \(text)")
        }
    }

    @Test("a set contains an instant when any of its intervals does")
    func setIsAnyOf() {
        let set = TimeIntervalSet(
            name: "weekends-and-nights",
            intervals: [
                Interval(weekdays: [Range(6, 6), Range(0, 0)]),
                Interval(times: [.init(startMinute: 0, endMinute: 360)]),
            ])
        #expect(set.contains(Self.at("2021-01-02T12:00:00Z")))  // Saturday
        #expect(set.contains(Self.at("2021-01-04T05:59:00Z")))  // Monday night
        #expect(!set.contains(Self.at("2021-01-04T06:00:00Z")))
        #expect(!TimeIntervalSet(name: "none").contains(Self.at("2021-01-04T06:00:00Z")))
    }

    @Test("mute and active intervals of a route")
    func schedule() {
        let schedule = TimeIntervalSchedule([
            TimeIntervalSet(name: "weekend", intervals: [Interval(weekdays: [Range(6, 6), Range(0, 0)])]),
            TimeIntervalSet(name: "office", intervals: [Interval(times: [.init(startMinute: 540, endMinute: 1020)])]),
        ])
        let saturdayNoon = Self.at("2021-01-02T12:00:00Z")
        let mondayNight = Self.at("2021-01-04T22:00:00Z")
        let mondayNoon = Self.at("2021-01-04T12:00:00Z")
        #expect(schedule.isMuted(muteTimeIntervals: ["weekend"], activeTimeIntervals: [], at: saturdayNoon))
        #expect(!schedule.isMuted(muteTimeIntervals: ["weekend"], activeTimeIntervals: [], at: mondayNight))
        #expect(schedule.isMuted(muteTimeIntervals: [], activeTimeIntervals: ["office"], at: mondayNight))
        #expect(!schedule.isMuted(muteTimeIntervals: [], activeTimeIntervals: ["office"], at: mondayNoon))
        #expect(schedule.isMuted(muteTimeIntervals: ["weekend"], activeTimeIntervals: ["office"], at: saturdayNoon))
        #expect(!schedule.isMuted(muteTimeIntervals: [], activeTimeIntervals: [], at: saturdayNoon))
        #expect(schedule.isMuted(muteTimeIntervals: [], activeTimeIntervals: ["unknown"], at: mondayNoon))
    }

    /// Brute force: every minute of 2020-2025 through Foundation's calendar, against `contains`.
    @Test("calendar fields agree with Foundation's calendar, minute by minute in a DST zone")
    func agreesWithFoundation() {
        let zone = Self.zone("America/New_York")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var generator = SystemRandomNumberGenerator()
        var instant = Self.at("2020-01-01T00:00:00Z")
        let end = Self.at("2026-01-01T00:00:00Z")
        var checked = 0
        while instant < end {
            let date = instant.date
            let parts = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
            let minute = parts.hour! * 60 + parts.minute!
            let daysInMonth = calendar.range(of: .day, in: .month, for: date)!.count
            let lastDays = -3
            let expectations: [(Interval, Bool)] = [
                (Interval(times: [.init(startMinute: minute, endMinute: minute + 1)], location: zone), true),
                (Interval(times: [.init(startMinute: 0, endMinute: max(minute, 1))], location: zone), minute == 0),
                (Interval(weekdays: [Range(parts.weekday! - 1, parts.weekday! - 1)], location: zone), true),
                (Interval(daysOfMonth: [Range(parts.day!, parts.day!)], location: zone), true),
                (
                    Interval(daysOfMonth: [Range(lastDays, -1)], location: zone),
                    parts.day! > daysInMonth + lastDays
                ),
                (Interval(months: [Range(parts.month!, parts.month!)], location: zone), true),
                (Interval(years: [Range(parts.year!, parts.year!)], location: zone), true),
                (Interval(years: [Range(parts.year! + 1, 3000)], location: zone), false),
            ]
            for (interval, expected) in expectations where interval.contains(instant) != expected {
                Issue.record("\(instant): \(interval) expected \(expected)")
            }
            checked += 1
            // Random steps of up to ~3 hours, landing on arbitrary seconds.
            instant = instant.advanced(by: .seconds(Int64.random(in: 1...10_800, using: &generator)))
        }
        #expect(checked > 10_000)
    }
}
