import SteadyConfig
import SteadyModel
import Testing

@Suite("promtool test files")
struct RuleTestParserTests {
    @Test("expanding notation as promtool documents it")
    func expansion() throws {
        #expect(try RuleTestParser.expand("-2+4x3") == [-2, 2, 6, 10])
        #expect(try RuleTestParser.expand(" 1-2x4") == [1, -1, -3, -5, -7])
        #expect(try RuleTestParser.expand(" 1x4") == [1, 1, 1, 1, 1])
        #expect(try RuleTestParser.expand(" 1 _x3 stale") == [1, nil, nil, nil, nil])
        #expect(try RuleTestParser.expand("1e3+1e2x2 _ 7") == [1000, 1100, 1200, nil, 7])
        #expect(try RuleTestParser.expand("0+10x0") == [0])
        #expect(throws: (any Error).self) { try RuleTestParser.expand("1+x3") }
        #expect(throws: (any Error).self) { try RuleTestParser.expand("abc") }
    }

    @Test("a test file with positions in its errors")
    func file() throws {
        let file = try RuleTestParser.parse(
            yaml: """
                rule_files: [rules.yml]
                evaluation_interval: 30s
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="api"}'
                        values: '1x2 0'
                    alert_rule_test:
                      - eval_time: 2m
                        alertname: Down
                        exp_alerts:
                          - exp_labels: { job: api }
                            exp_annotations: { summary: down }
                    promql_expr_test: []
                """, file: "t.yml")
        #expect(file.ruleFiles == ["rules.yml"])
        #expect(file.evaluationInterval == .seconds(30))
        #expect(file.tests.first?.inputSeries.first?.values == [1, 1, 1, 0])
        #expect(file.tests.first?.inputSeries.first?.labels == Labels(["job": "api"]))
        #expect(file.tests.first?.alertTests.first?.expected.first?.annotations == ["summary": "down"])
        do {
            _ = try RuleTestParser.parse(yaml: "tests:\n  - interval: 1m\n    input_serie: []\n", file: "t.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.errors.first?.description.hasPrefix("t.yml:3:5: error: unknown key 'input_serie'") == true)
        }
    }

    @Test("seeded mutations of test files, series values and matchers never crash the parsers")
    func mutations() {
        var random = SplitMix64(seed: 77)
        let seeds = [
            "tests:\n  - interval: 1m\n    input_series:\n      - series: 'a{b=\"c\"}'\n        values: '0+1x10 _x2 stale'\n",
            "-2+4x3 1e3 _x9 stale 1-2x4",
            #"{a="b", c=~"d|e", f!=g, h!~"i"}"#,
        ]
        let alphabet = Array("x+-_e.0123456789 {}=~!\"',\\\n:[]") + ["é"]
        for seed in seeds {
            let original = Array(seed)
            for _ in 0..<2000 {
                var text = original
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let position = Int.random(in: 0..<text.count, using: &random)
                    if Bool.random(using: &random) {
                        text[position] = alphabet.randomElement(using: &random)!
                    } else {
                        text.insert(alphabet.randomElement(using: &random)!, at: position)
                    }
                }
                let mutated = String(text)
                _ = try? RuleTestParser.parse(yaml: mutated, file: "m.yml")
                _ = try? RuleTestParser.expand(mutated)
                _ = try? AlertMatcherParser.parse(mutated)
            }
        }
    }
}
