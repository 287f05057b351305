import Foundation
import SteadyConfig
import Testing

/// The same `time_intervals`/`inhibit_rules` YAML through Steady's parsers and through `amtool check-config` from
/// Alertmanager 0.25 (Debian's prometheus-alertmanager; scripts/install-test-deps.sh installs it): both must accept
/// or both must reject, and where Steady rejects, its message must contain amtool's.
@Suite("Alerting config parsers vs amtool check-config")
struct AmtoolDifferentialTests {
    struct Case: Sendable, CustomStringConvertible {
        var section: String
        /// Whether Steady's message must contain amtool's (false where the wording is Steady's own: YAML shape
        /// errors and regular-expression errors).
        var sameMessage = true
        var description: String { section.replacingOccurrences(of: "\n", with: " ") }
    }

    static let cases: [Case] = [
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: ['monday:friday']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: ['friday:monday']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: ['Monday:FRIDAY', sunday]"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: ['1']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: ['monday:tuesday:friday']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: [1, -1, '5:10', '-7:-1']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['1:-1']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['10:-25']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['-15:5']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['0']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['-0']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['32']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['+5', '05']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['x']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - days_of_month: ['']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - months: ['january:march', 'May', 12]"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - months: ['13', '0:13']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - months: ['december:january']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - months: ['martius']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - years: ['2020:2022', 2030, '-5']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - years: ['2022:2020']"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - years: ['20x']"),
        Case(
            section:
                "time_intervals:\n- name: a\n  time_intervals:\n  - times: [{start_time: '00:00', end_time: '24:00'}]"),
        Case(
            section: "time_intervals:\n- name: a\n  time_intervals:\n  - times: [{start_time: 09:00, end_time: 17:30}]"),
        Case(
            section:
                "time_intervals:\n- name: a\n  time_intervals:\n  - times: [{start_time: '9:00', end_time: '17:30'}]"),
        Case(
            section:
                "time_intervals:\n- name: a\n  time_intervals:\n  - times: [{start_time: '12:00', end_time: '24:01'}]"),
        Case(
            section:
                "time_intervals:\n- name: a\n  time_intervals:\n  - times: [{start_time: '12:00', end_time: '12:00'}]"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - times: [{start_time: '12:00'}]"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - location: Europe/Berlin"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - location: Etc/GMT+2"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - location: europe/berlin"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - location: PST"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - location: ''"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: []\n  - {}"),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekday: [monday]", sameMessage: false),
        Case(section: "time_intervals:\n- name: a\n  time_intervals:\n  - weekdays: monday", sameMessage: false),
        Case(section: "time_intervals:\n- time_intervals: []"),
        Case(section: "mute_time_intervals:\n- time_intervals: []"),
        Case(section: "time_intervals:\n- name: a\n- name: a"),
        Case(section: "mute_time_intervals:\n- name: a\ntime_intervals:\n- name: a"),
        Case(section: "mute_time_intervals:\n- name: a\n- name: a"),
        Case(section: "inhibit_rules:\n- source_matchers: ['a=\"b\"']\n  target_matchers: [c=~d.*]\n  equal: [e]"),
        Case(section: "inhibit_rules:\n- source_match: {a: b}\n  target_match_re: {c: 'd|e'}"),
        Case(section: "inhibit_rules:\n- equal: ['a-b']"),
        Case(section: "inhibit_rules:\n- equal: ['']"),
        Case(section: "inhibit_rules:\n- source_match: {'a-b': x}"),
        Case(section: "inhibit_rules:\n- target_match_re: {'0a': x}"),
        Case(section: "inhibit_rules:\n- target_match_re: {a: '('}", sameMessage: false),
        Case(section: "inhibit_rules:\n- source_matchers: ['a']", sameMessage: false),
        Case(section: "inhibit_rules:\n- source_matchers: ['a=b']\n  foo: 1", sameMessage: false),
        Case(section: "inhibit_rules:\n- {}"),
        // Null entries: yaml.v2 keeps Go's zero values and skips the custom checks.
        Case(section: "time_intervals:\n- ~"),
        Case(section: "time_intervals:\n- ~\n- ~"),
        Case(section: "time_intervals:\n- name: x\n  time_intervals:\n  - ~"),
        Case(section: "time_intervals:\n- name: x\n  time_intervals:\n  - times: [~]\n    weekdays: [~]"),
        Case(section: "time_intervals:\n- name: x\n  time_intervals:\n  - days_of_month: [~]\n    location: ~"),
        Case(section: "time_intervals: ~"),
        Case(section: "time_intervals:\n- name: x\n  time_intervals: {}", sameMessage: false),
        Case(section: "inhibit_rules:\n- ~"),
        Case(section: "inhibit_rules:\n- equal: [~]\n  source_match: {a: ~}"),
        Case(section: "inhibit_rules:\n- source_match: {a: [x]}", sameMessage: false),
    ]

    /// amtool's verdict: nil when it accepts the file, else its message after `FAILED: `.
    static func amtool(_ yaml: String) throws -> String? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steady-amtool-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("alertmanager.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["amtool", "check-config", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 0 { return nil }
        guard let range = output.range(of: "FAILED: ") else { return output }
        return String(output[range.upperBound...].prefix { $0 != "\n" })
    }

    static func steady(_ yaml: String) -> String? {
        do throws(ConfigError) {
            _ = try TimeIntervalParser.parseAlertmanagerConfig(yaml: yaml, file: "alertmanager.yml")
            _ = try InhibitRuleParser.parseAlertmanagerConfig(yaml: yaml, file: "alertmanager.yml")
            return nil
        } catch {
            return error.errors.map(\.message).joined(separator: "\n")
        }
    }

    @Test("Steady accepts exactly what amtool accepts", arguments: cases)
    func agrees(_ testCase: Case) throws {
        let yaml = "route:\n  receiver: default\nreceivers:\n- name: default\n" + testCase.section + "\n"
        let reference = try Self.amtool(yaml)
        let ours = Self.steady(yaml)
        #expect(
            (reference == nil) == (ours == nil), "amtool: \(reference ?? "accepted"); Steady: \(ours ?? "accepted")")
        if let reference, let ours, testCase.sameMessage {
            #expect(ours.contains(reference), "amtool: \(reference); Steady: \(ours)")
        }
    }

    @Test("the comparison can fail: amtool rejects what an accepted case turns into")
    func oracleDiscriminates() throws {
        let good = "route:\n  receiver: default\nreceivers:\n- name: default\n"
        #expect(try Self.amtool(good + "time_intervals:\n- name: a\n  time_intervals:\n  - years: ['2020']\n") == nil)
        #expect(
            try Self.amtool(good + "time_intervals:\n- name: a\n  time_intervals:\n  - years: ['2021:2020']\n")
                == "end year 2020 is before start year 2021")
    }
}
