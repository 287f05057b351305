import SteadyConfig
import SteadyModel
import Testing

@Suite("Alertmanager inhibit_rules parser")
struct InhibitRuleParserTests {
    static func parse(_ yaml: String) -> Result<[InhibitRule], ConfigError> {
        do throws(ConfigError) {
            return .success(try InhibitRuleParser.parseAlertmanagerConfig(yaml: yaml, file: "alertmanager.yml"))
        } catch {
            return .failure(error)
        }
    }

    static func error(_ yaml: String) -> String? {
        if case .failure(let error) = parse(yaml) { return error.errors.map(\.description).joined(separator: "\n") }
        return nil
    }

    static func matcher(_ name: String, _ op: LabelMatcher.Operator, _ value: String) throws -> LabelMatcher {
        try LabelMatcher(name: name, op: op, value: value)
    }

    @Test("new-style matchers, deprecated maps and equal")
    func everyField() throws {
        let yaml = """
            inhibit_rules:
            - source_matchers: ['severity="critical"', 'team=~"db|infra", env!=dev']
              target_matchers: ['{severity="warning"}']
              equal: [cluster, service]
            - source_match:
                alertname: JobDown
              source_match_re:
                zone: eu-.*
              target_match:
                alertname: InstanceDown
              target_match_re:
                instance: db-[0-9]+
              target_matchers: [severity!~"info|debug"]
              equal: ['job', 'zone']
            - {}
            """
        let rules = try Self.parse(yaml).get()
        #expect(rules.count == 3)
        #expect(
            rules[0].sourceMatchers == [
                try Self.matcher("severity", .equal, "critical"), try Self.matcher("team", .regexMatch, "db|infra"),
                try Self.matcher("env", .notEqual, "dev"),
            ])
        #expect(rules[0].targetMatchers == [try Self.matcher("severity", .equal, "warning")])
        #expect(rules[0].equal == ["cluster", "service"])
        #expect(
            rules[1].sourceMatchers == [
                try Self.matcher("alertname", .equal, "JobDown"), try Self.matcher("zone", .regexMatch, "eu-.*"),
            ])
        #expect(
            rules[1].targetMatchers == [
                try Self.matcher("alertname", .equal, "InstanceDown"),
                try Self.matcher("instance", .regexMatch, "db-[0-9]+"),
                try Self.matcher("severity", .regexNoMatch, "info|debug"),
            ])
        #expect(rules[1].equal == ["job", "zone"])
        #expect(rules[2] == InhibitRule(sourceMatchers: [], targetMatchers: []))
        #expect(try Self.parse("route: {receiver: x}").get().isEmpty)
    }

    struct Rejection: Sendable, CustomStringConvertible {
        var yaml: String
        var expected: String
        var description: String { expected }
    }

    static let rejections: [Rejection] = [
        Rejection(
            yaml: "inhibit_rules:\n- equal: ['a-b']",
            expected: #"alertmanager.yml:2:11: error: inhibit_rules[0].equal[0]: "a-b" is not a valid label name"#),
        Rejection(
            yaml: "inhibit_rules:\n- equal: [ok, '']",
            expected: #"alertmanager.yml:2:15: error: inhibit_rules[0].equal[1]: "" is not a valid label name"#),
        Rejection(
            yaml: "inhibit_rules:\n- source_match:\n    a-b: x",
            expected: #"alertmanager.yml:3:5: error: inhibit_rules[0].source_match: invalid label name "a-b""#),
        Rejection(
            yaml: "inhibit_rules:\n- target_match_re:\n    1x: 'y'",
            expected: #"alertmanager.yml:3:5: error: inhibit_rules[0].target_match_re: invalid label name "1x""#),
        Rejection(
            yaml: "inhibit_rules:\n- source_matchers: [a]",
            expected: "alertmanager.yml:2:21: error: inhibit_rules[0].source_matchers[0]: "
                + #"expected =, !=, =~ or !~ after "a" in a"#),
        Rejection(
            yaml: "inhibit_rules:\n- source_matchers: 'a=b'",
            expected: "alertmanager.yml:2:20: error: inhibit_rules[0].source_matchers: found \"a=b\", expected a list"),
        Rejection(
            yaml: "inhibit_rules:\n- source_matchers: [a=b]\n  foo: 1",
            expected: "alertmanager.yml:3:3: error: inhibit_rules[0]: unknown key 'foo'; expected one of equal, "
                + "source_match, source_match_re, source_matchers, target_match, target_match_re, target_matchers"),
        Rejection(
            yaml: "inhibit_rules:\n  source_matchers: [a=b]",
            expected: "alertmanager.yml:2:3: error: inhibit_rules: found a mapping, expected a list"),
    ]

    @Test("rejections carry Alertmanager's message, the key path and the position", arguments: rejections)
    func rejected(_ rejection: Rejection) {
        #expect(Self.error(rejection.yaml) == rejection.expected)
    }

    @Test("an invalid regular expression is placed at its value")
    func invalidRegex() {
        let message = Self.error("inhibit_rules:\n- target_match_re:\n    x: '('")
        #expect(message?.hasPrefix("alertmanager.yml:3:8: error: inhibit_rules[0].target_match_re.x: ") == true)
        let matchers = Self.error("inhibit_rules:\n- source_matchers: ['a=~\"(\"']")
        #expect(matchers?.hasPrefix("alertmanager.yml:2:21: error: inhibit_rules[0].source_matchers[0]: ") == true)
    }
}
