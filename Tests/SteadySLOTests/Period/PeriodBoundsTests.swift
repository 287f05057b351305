import Foundation
import SteadyModel
import SteadySLO
import Testing

@Suite("Calendar and rolling periods")
struct PeriodBoundsTests {
    func instant(_ text: String) -> WallInstant {
        WallInstant(date: try! Date(text, strategy: .iso8601))
    }

    @Test("calendar month in Europe/Paris starts at local midnight, DST included")
    func monthParis() {
        let bounds = PeriodBounds(
            period: .calendar(.month, timeZone: "Europe/Paris"), at: instant("2026-03-31T22:30:00Z"))
        // 2026-03-31T22:30Z is already April 1st 00:30 in Paris (UTC+2 after the DST change on March 29).
        #expect(bounds.start == instant("2026-03-31T22:00:00Z"))
        #expect(bounds.end == instant("2026-04-30T22:00:00Z"))
        let march = PeriodBounds(
            period: .calendar(.month, timeZone: "Europe/Paris"), at: instant("2026-03-15T12:00:00Z"))
        #expect(march.start == instant("2026-02-28T23:00:00Z"))  // UTC+1 before the change
        #expect(march.end == instant("2026-03-31T22:00:00Z"))
        #expect(march.length == .seconds(31 * 86_400 - 3600))  // one hour shorter: DST
    }

    @Test("calendar week starts on Monday; quarters on Jan/Apr/Jul/Oct 1st")
    func weekAndQuarter() {
        // 2026-11-22 is a Sunday.
        let week = PeriodBounds(period: .calendar(.week, timeZone: "UTC"), at: instant("2026-11-22T23:59:00Z"))
        #expect(week.start == instant("2026-11-16T00:00:00Z"))
        #expect(week.end == instant("2026-11-23T00:00:00Z"))
        let quarter = PeriodBounds(
            period: .calendar(.quarter, timeZone: "Asia/Kolkata"), at: instant("2026-11-22T12:00:00Z"))
        #expect(quarter.start == instant("2026-09-30T18:30:00Z"))  // Oct 1st 00:00 at UTC+5:30
        #expect(quarter.end == instant("2026-12-31T18:30:00Z"))
    }

    @Test("rolling periods hold the current minute and the minutes before it")
    func rolling() {
        let now = instant("2026-11-22T10:00:30Z")
        let bounds = PeriodBounds(period: .rolling(.seconds(3600)), at: now)
        #expect(bounds.start == instant("2026-11-22T09:01:00Z"))
        #expect(bounds.end == nil)
    }
}
