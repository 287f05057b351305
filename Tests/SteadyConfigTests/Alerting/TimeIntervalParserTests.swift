import Foundation
import SteadyConfig
import SteadyModel
import Testing

@Suite("Alertmanager time_intervals parser")
struct TimeIntervalParserTests {
    typealias Range = TimeIntervalSet.InclusiveRange

    static func parse(_ yaml: String) -> Result<[TimeIntervalSet], ConfigError> {
        do throws(ConfigError) {
            return .success(try TimeIntervalParser.parseAlertmanagerConfig(yaml: yaml, file: "alertmanager.yml"))
        } catch {
            return .failure(error)
        }
    }

    /// The single error line (`file:line:column: error: message`), or nil when the YAML is accepted.
    static func error(_ yaml: String) -> String? {
        if case .failure(let error) = parse(yaml) { return error.errors.map(\.description).joined(separator: "\n") }
        return nil
    }

    /// One `time_intervals` entry named `x` with `body` as its only interval (indented under `- `).
    static func interval(_ body: String) -> String {
        "time_intervals:\n- name: x\n  time_intervals:\n  - " + body.replacingOccurrences(of: "\n", with: "\n    ")
    }

    @Test("every field, names and numbers, ranges and single values")
    func everyField() throws {
        let yaml = """
            mute_time_intervals:
            - name: old-style
              time_intervals:
              - weekdays: [saturday, sunday]
            time_intervals:
            - name: business
              time_intervals:
              - weekdays: ['Monday:FRIDAY', 'sunday']
                times:
                - start_time: 09:00
                  end_time: '17:00'
                - start_time: '20:00'
                  end_time: '24:00'
                days_of_month: ['1:-1', 5, '-7:-1', '+3']
                months: ['january:march', '5', 'December']
                years: ['2020:2025', 2030]
                location: Europe/Berlin
              - {}
            """
        let sets = try Self.parse(yaml).get()
        #expect(sets.map(\.name) == ["old-style", "business"])
        #expect(sets[0].intervals == [.init(weekdays: [Range(6, 6), Range(0, 0)])])
        let business = sets[1].intervals
        #expect(business.count == 2)
        #expect(business[0].weekdays == [Range(1, 5), Range(0, 0)])
        #expect(
            business[0].times == [
                .init(startMinute: 540, endMinute: 1020), .init(startMinute: 1200, endMinute: 1440),
            ])
        #expect(business[0].daysOfMonth == [Range(1, -1), Range(5, 5), Range(-7, -1), Range(3, 3)])
        #expect(business[0].months == [Range(1, 3), Range(5, 5), Range(12, 12)])
        #expect(business[0].years == [Range(2020, 2025), Range(2030, 2030)])
        #expect(business[0].location?.identifier == "Europe/Berlin")
        #expect(business[1] == TimeIntervalSet.Interval())
    }

    @Test("an empty list is kept (matches nothing); a null field is unset (matches anything)")
    func emptyAndNull() throws {
        let sets = try Self.parse(Self.interval("weekdays: []\nmonths:")).get()
        #expect(sets[0].intervals[0].weekdays == [])
        #expect(sets[0].intervals[0].months == nil)
    }

    @Test("null entries keep Go's zero values, as yaml.v2 leaves them")
    func nullEntries() throws {
        let sets = try Self.parse(
            "time_intervals:\n- ~\n- name: x\n  time_intervals:\n  - ~\n  - times: [~]\n    weekdays: [~]"
        ).get()
        #expect(sets.map(\.name) == ["", "x"])
        #expect(sets[1].intervals[0] == TimeIntervalSet.Interval())
        #expect(sets[1].intervals[1].times == [.init(startMinute: 0, endMinute: 0)])
        #expect(sets[1].intervals[1].weekdays == [Range(0, 0)])
    }

    struct Rejection: Sendable, CustomStringConvertible {
        var yaml: String
        var expected: String
        var description: String { expected }
    }

    /// Alertmanager's messages (timeinterval_test.go and amtool check-config), with path and position.
    static let rejections: [Rejection] = [
        Rejection(
            yaml: interval("times:\n- start_time: '01:99'\n  end_time: '23:59'"),
            expected: "alertmanager.yml:5:19: error: time_intervals[0].time_intervals[0].times[0].start_time: "
                + "couldn't parse timestamp 01:99, invalid format"),
        Rejection(
            yaml: interval("times:\n- start_time: '00:00'\n  end_time: '99:99'"),
            expected: "alertmanager.yml:6:17: error: time_intervals[0].time_intervals[0].times[0].end_time: "
                + "couldn't parse timestamp 99:99, invalid format"),
        Rejection(
            yaml: interval("times:\n- start_time: '9:00'\n  end_time: '10:00'"),
            expected: "alertmanager.yml:5:19: error: time_intervals[0].time_intervals[0].times[0].start_time: "
                + "couldn't parse timestamp 9:00, invalid format"),
        Rejection(
            yaml: interval("times:\n- start_time: '12:30'\n  end_time: '24:01'"),
            expected: "alertmanager.yml:6:17: error: time_intervals[0].time_intervals[0].times[0].end_time: "
                + "couldn't parse timestamp 24:01, invalid format"),
        Rejection(
            yaml: interval("times:\n- start_time: '17:31'\n  end_time: '17:31'"),
            expected: "alertmanager.yml:5:7: error: time_intervals[0].time_intervals[0].times[0]: "
                + "start time cannot be equal or greater than end time"),
        Rejection(
            yaml: interval("times:\n- start_time: '14:03'"),
            expected: "alertmanager.yml:5:7: error: time_intervals[0].time_intervals[0].times[0]: "
                + "both start and end times must be provided"),
        Rejection(
            yaml: interval("weekdays: ['friday:monday']"),
            expected: "alertmanager.yml:4:16: error: time_intervals[0].time_intervals[0].weekdays[0]: "
                + "start day cannot be before end day"),
        Rejection(
            yaml: interval("weekdays: ['Blurgsday:flurgsday']"),
            expected: "alertmanager.yml:4:16: error: time_intervals[0].time_intervals[0].weekdays[0]: "
                + "blurgsday is not a valid weekday"),
        Rejection(
            yaml: interval("weekdays: ['1:3']"),
            expected: "alertmanager.yml:4:16: error: time_intervals[0].time_intervals[0].weekdays[0]: "
                + "1 is not a valid weekday"),
        Rejection(
            yaml: interval("weekdays: [monday, '-2:-1']"),
            expected: "alertmanager.yml:4:24: error: time_intervals[0].time_intervals[0].weekdays[1]: "
                + "-2 is not a valid weekday"),
        Rejection(
            yaml: interval("days_of_month: ['0']"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + "0 is not a valid day of the month: out of range"),
        Rejection(
            yaml: interval("days_of_month: ['-50:-20']"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + "-50 is not a valid day of the month: out of range"),
        Rejection(
            yaml: interval("days_of_month: ['1:50']"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + "50 is not a valid day of the month: out of range"),
        Rejection(
            yaml: interval("days_of_month: ['-15:5']"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + "end day must be negative if start day is negative"),
        Rejection(
            yaml: interval("days_of_month: ['10:-25']"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + "end day -25 is always before start day 10"),
        Rejection(
            yaml: interval("days_of_month: ['1:2:3']"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + "couldn't parse range 1:2:3, invalid format"),
        Rejection(
            yaml: interval("days_of_month: [x]"),
            expected: "alertmanager.yml:4:21: error: time_intervals[0].time_intervals[0].days_of_month[0]: "
                + #"strconv.Atoi: parsing "x": invalid syntax"#),
        Rejection(
            yaml: interval("months: ['martius:june']"),
            expected: "alertmanager.yml:4:14: error: time_intervals[0].time_intervals[0].months[0]: "
                + "martius is not a valid month"),
        Rejection(
            yaml: interval("months: ['march:junius']"),
            expected: "alertmanager.yml:4:14: error: time_intervals[0].time_intervals[0].months[0]: "
                + "junius is not a valid month"),
        Rejection(
            yaml: interval("months: ['december:january']"),
            expected: "alertmanager.yml:4:14: error: time_intervals[0].time_intervals[0].months[0]: "
                + "end month january is before start month december"),
        Rejection(
            yaml: interval("years: ['2022:2020']"),
            expected: "alertmanager.yml:4:13: error: time_intervals[0].time_intervals[0].years[0]: "
                + "end year 2020 is before start year 2022"),
        Rejection(
            yaml: interval("location: Mars/Olympus_Mons"),
            expected: "alertmanager.yml:4:15: error: time_intervals[0].time_intervals[0].location: "
                + "unknown time zone Mars/Olympus_Mons"),
        Rejection(
            yaml: interval("location: europe/berlin"),
            expected: "alertmanager.yml:4:15: error: time_intervals[0].time_intervals[0].location: "
                + "unknown time zone europe/berlin"),
        Rejection(
            yaml: interval("weekdays: monday"),
            expected: "alertmanager.yml:4:15: error: time_intervals[0].time_intervals[0].weekdays: "
                + "found \"monday\", expected a list"),
        Rejection(
            yaml: interval("weekday: [monday]"),
            expected: "alertmanager.yml:4:5: error: time_intervals[0].time_intervals[0]: unknown key 'weekday'; "
                + "expected one of days_of_month, location, months, times, weekdays, years"),
        Rejection(
            yaml: "time_intervals:\n- time_intervals:\n  - weekdays: [monday]",
            expected: "alertmanager.yml:2:3: error: time_intervals[0]: missing name in time interval"),
        Rejection(
            yaml: "mute_time_intervals:\n- name: ''\n  time_intervals: []",
            expected: "alertmanager.yml:2:3: error: mute_time_intervals[0]: missing name in mute time interval"),
        Rejection(
            yaml: "time_intervals:\n- name: x\n- name: y\n- name: x",
            expected: #"alertmanager.yml:4:9: error: time_intervals[2].name: time interval "x" is not unique"#),
        Rejection(
            yaml: "mute_time_intervals:\n- name: x\ntime_intervals:\n- name: x",
            expected: #"alertmanager.yml:4:9: error: time_intervals[0].name: time interval "x" is not unique"#),
        Rejection(
            yaml: "mute_time_intervals:\n- name: x\n- name: x",
            expected: #"alertmanager.yml:3:9: error: mute_time_intervals[1].name: mute time interval "x" is not unique"#
        ),
    ]

    @Test("rejections carry Alertmanager's message, the key path and the position", arguments: rejections)
    func rejected(_ rejection: Rejection) {
        #expect(Self.error(rejection.yaml) == rejection.expected)
    }

    @Test("accepted like Alertmanager: odd numbers, signs, zones, 24:00")
    func acceptedEdgeCases() throws {
        let sets = try Self.parse(
            Self.interval(
                "months: ['13', '0:13']\nyears: ['-5']\ndays_of_month: ['-31:-1', '+5']\n"
                    + "times: [{start_time: '00:00', end_time: '24:00'}]\nlocation: ''")
        ).get()
        let interval = sets[0].intervals[0]
        #expect(interval.months == [Range(13, 13), Range(0, 13)])
        #expect(interval.years == [Range(-5, -5)])
        #expect(interval.daysOfMonth == [Range(-31, -1), Range(5, 5)])
        #expect(interval.times == [.init(startMinute: 0, endMinute: 1440)])
        #expect(interval.location?.secondsFromGMT() == 0)
        for zone in ["UTC", "EST", "CET", "EST5EDT", "Etc/GMT+2", "US/Pacific", "Local"] {
            #expect(Self.error(Self.interval("location: '\(zone)'")) == nil, "\(zone)")
        }
        for zone in ["PST", "GMT+2", "UTC+1", "Z"] {
            #expect(Self.error(Self.interval("location: '\(zone)'")) != nil, "\(zone)")
        }
    }
}
