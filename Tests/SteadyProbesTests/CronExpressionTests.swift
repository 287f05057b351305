import Foundation
import SteadyModel
import Testing

@Suite struct CronExpressionTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func instant(_ text: String) -> WallInstant { Timestamp.parse(text)! }

    static func error(_ text: String) -> String? {
        do {
            _ = try CronExpression(parsing: text)
            return nil
        } catch {
            return error.description
        }
    }

    static func next(_ expression: String, after: String, zone: String = "UTC") throws -> String? {
        let cron = try CronExpression(parsing: expression)
        let timeZone = try #require(TimeZone(identifier: zone))
        return cron.nextFireTime(after: instant(after), in: timeZone).map(Timestamp.format)
    }

    @Test func fieldsMatchLikeVixieCron() throws {
        let cron = try CronExpression(parsing: "*/15 9-17 * jan,MAR-may mon-fri")
        #expect(cron.matches(minute: 45, hour: 9, day: 2, month: 3, weekday: 1))
        #expect(!cron.matches(minute: 50, hour: 9, day: 2, month: 3, weekday: 1))
        #expect(!cron.matches(minute: 0, hour: 18, day: 2, month: 3, weekday: 1))
        #expect(!cron.matches(minute: 0, hour: 9, day: 2, month: 2, weekday: 1))
        #expect(!cron.matches(minute: 0, hour: 9, day: 1, month: 3, weekday: 0))
    }

    @Test func sundayIsZeroOrSeven() throws {
        for text in ["0 0 * * 0", "0 0 * * 7", "0 0 * * sun", "0 0 * * 5-7"] {
            let cron = try CronExpression(parsing: text)
            #expect(cron.matches(minute: 0, hour: 0, day: 3, month: 5, weekday: 0), "\(text)")
        }
        #expect(!(try CronExpression(parsing: "0 0 * * 1-6")).matches(minute: 0, hour: 0, day: 3, month: 5, weekday: 0))
    }

    @Test func restrictedDayFieldsCombineWithOr() throws {
        // Both restricted: the 13th OR any Friday.
        let either = try CronExpression(parsing: "0 0 13 * 5")
        #expect(either.matches(minute: 0, hour: 0, day: 13, month: 6, weekday: 2))
        #expect(either.matches(minute: 0, hour: 0, day: 20, month: 6, weekday: 5))
        #expect(!either.matches(minute: 0, hour: 0, day: 21, month: 6, weekday: 6))
        // A field starting with * keeps AND (Vixie checks the first character).
        let both = try CronExpression(parsing: "0 0 */2 * 5")
        #expect(both.matches(minute: 0, hour: 0, day: 1, month: 6, weekday: 5))
        #expect(!both.matches(minute: 0, hour: 0, day: 2, month: 6, weekday: 5))
        #expect(!both.matches(minute: 0, hour: 0, day: 3, month: 6, weekday: 4))
    }

    @Test func shorthandsExpand() throws {
        #expect(try Self.next("@hourly", after: "2026-01-01T10:20:00.000Z") == "2026-01-01T11:00:00.000Z")
        #expect(try Self.next("@daily", after: "2026-01-01T10:20:00.000Z") == "2026-01-02T00:00:00.000Z")
        #expect(try Self.next("@midnight", after: "2026-01-01T10:20:00.000Z") == "2026-01-02T00:00:00.000Z")
        // 2026-01-04 is a Sunday.
        #expect(try Self.next("@weekly", after: "2026-01-01T10:20:00.000Z") == "2026-01-04T00:00:00.000Z")
        #expect(try Self.next("@monthly", after: "2026-01-01T10:20:00.000Z") == "2026-02-01T00:00:00.000Z")
        #expect(try Self.next("@yearly", after: "2026-01-01T10:20:00.000Z") == "2027-01-01T00:00:00.000Z")
        #expect(try Self.next("@annually", after: "2026-01-01T00:00:00.000Z") == "2027-01-01T00:00:00.000Z")
    }

    @Test func stepsAndSingleValueSteps() throws {
        #expect(try Self.next("5/20 * * * *", after: "2026-01-01T10:26:00.000Z") == "2026-01-01T10:45:00.000Z")
        #expect(try Self.next("0-30/10 * * * *", after: "2026-01-01T10:31:00.000Z") == "2026-01-01T11:00:00.000Z")
        #expect(try Self.next("0 0 29 2 *", after: "2026-01-01T00:00:00.000Z") == "2028-02-29T00:00:00.000Z")
        #expect(try Self.next("0 0 30 2 *", after: "2026-01-01T00:00:00.000Z") == nil)
    }

    @Test func errorsNameTheFieldAndTheProblem() {
        #expect(Self.error("0 24 * * *") == "hour: 24 is out of range 0-23")
        #expect(Self.error("60 * * * *") == "minute: 60 is out of range 0-59")
        #expect(Self.error("* * 0 * *") == "day-of-month: 0 is out of range 1-31")
        #expect(Self.error("* * * 13 *") == "month: 13 is out of range 1-12")
        #expect(Self.error("* * * * 8") == "day-of-week: 8 is out of range 0-7")
        #expect(Self.error("*/0 * * * *") == "minute: step 0 must be at least 1")
        #expect(Self.error("*/x * * * *") == "minute: step \"x\" is not a number")
        #expect(Self.error("5-1 * * * *") == "minute: range 5-1 goes backwards; write it as two ranges or a list")
        #expect(Self.error("1,,2 * * * *") == "minute: empty list element in \"1,,2\"")
        #expect(Self.error("* * * foo *") == "month: unknown name \"foo\", expected a number or a name (jan-dec)")
        #expect(
            Self.error("* * * * funday")
                == "day-of-week: unknown name \"funday\", expected a number or a name (sun-sat)")
        #expect(Self.error("mon * * * *") == "minute: found \"mon\", expected a number 0-59")
        #expect(
            Self.error("* * * *")
                == "expected 5 fields (minute hour day-of-month month day-of-week) or a shorthand like @daily, found 4")
        #expect(Self.error("0 0 * * * *")?.hasSuffix("found 6") == true)
        #expect(Self.error("@reboot")?.hasPrefix("unknown shorthand '@reboot'") == true)
        #expect(Self.error("  30  2 * *\tmon  ") == nil)
    }

    // MARK: - Daylight saving time

    @Test func springForwardRunsSkippedFixedTimesRightAfterTheJump() throws {
        // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC). 02:30 does not exist.
        #expect(
            try Self.next("30 2 * * *", after: "2026-03-28T12:00:00.000Z", zone: "Europe/Berlin")
                == "2026-03-29T01:00:00.000Z")
        // The following day it is 02:30 CEST again.
        #expect(
            try Self.next("30 2 * * *", after: "2026-03-29T01:00:00.000Z", zone: "Europe/Berlin")
                == "2026-03-30T00:30:00.000Z")
        // Wildcard-hour jobs simply skip the missing minutes.
        #expect(
            try Self.next("30 * * * *", after: "2026-03-29T00:30:00.000Z", zone: "Europe/Berlin")
                == "2026-03-29T01:30:00.000Z")
    }

    @Test func fallBackRunsFixedTimesOnceAndWildcardsTwice() throws {
        // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30 UTC and at 01:30 UTC.
        #expect(
            try Self.next("30 2 * * *", after: "2026-10-24T12:00:00.000Z", zone: "Europe/Berlin")
                == "2026-10-25T00:30:00.000Z")
        #expect(
            try Self.next("30 2 * * *", after: "2026-10-25T00:30:00.000Z", zone: "Europe/Berlin")
                == "2026-10-26T01:30:00.000Z")
        #expect(
            try Self.next("30 * * * *", after: "2026-10-25T00:30:00.000Z", zone: "Europe/Berlin")
                == "2026-10-25T01:30:00.000Z")
    }

    @Test func dailyJobsFollowTheLocalZone() throws {
        #expect(
            try Self.next("0 9 * * mon-fri", after: "2026-07-03T14:00:00.000Z", zone: "America/New_York")
                == "2026-07-06T13:00:00.000Z")
        #expect(
            try Self.next("0 9 * * mon-fri", after: "2026-12-04T15:00:00.000Z", zone: "America/New_York")
                == "2026-12-07T14:00:00.000Z")
        // India has a half-hour offset and no DST.
        #expect(
            try Self.next("0 0 * * *", after: "2026-05-01T00:00:00.000Z", zone: "Asia/Kolkata")
                == "2026-05-01T18:30:00.000Z")
    }
}
