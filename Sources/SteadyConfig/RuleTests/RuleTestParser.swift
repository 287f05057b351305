import Foundation
public import SteadyModel
import Yams

/// Reads promtool's unit-test files (`promtool test rules`): `rule_files`, `evaluation_interval`, and `tests` with
/// `interval`, `input_series` in expanding notation and `alert_rule_test`. `promql_expr_test` entries are accepted
/// and ignored (Steady runs alert tests). Errors carry file:line:column.
///
/// ```swift
/// let file = try RuleTestParser.parse(yaml: text, file: "slo-tests.yml")
/// file.tests[0].inputSeries[0].values   // [0, 10, 20, …]
/// ```
public enum RuleTestParser {
    public static func parse(yaml: String, file: String) throws(ConfigError) -> RuleTestFile {
        var reader = Reader(file: file)
        do {
            guard let root = try Yams.compose(yaml: yaml) else { throw reader.failure("empty file", at: nil) }
            return try reader.file(root)
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(file: file, line: 1, column: 1, severity: .error, message: "invalid YAML: \(error)")
            ])
        } catch {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(file: file, line: 1, column: 1, severity: .error, message: "\(error)")
            ])
        }
    }

    public static func load(path: String) throws(ConfigError) -> RuleTestFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(diagnostics: [
                ConfigDiagnostic(
                    file: path, line: 1, column: 1, severity: .error, message: "cannot read the file: \(error)")
            ])
        }
        return try parse(yaml: text, file: path)
    }

    /// Expands promtool's series notation: `a+bxn`, `a-bxn`, `axn`, `_`, `_xn`, `stale`.
    public static func expand(_ text: String) throws -> [Double?] {
        var values: [Double?] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let token = String(token)
            if token == "_" || token == "stale" {
                values.append(nil)
                continue
            }
            if token.hasPrefix("_x") {
                guard let count = Int(token.dropFirst(2)), count >= 0 else { throw ExpansionError(token: token) }
                values.append(contentsOf: Array(repeating: nil, count: count))
                continue
            }
            guard let xIndex = token.lastIndex(of: "x"), let count = Int(token[token.index(after: xIndex)...]),
                count >= 0
            else {
                guard let value = number(token) else { throw ExpansionError(token: token) }
                values.append(value)
                continue
            }
            let head = String(token[..<xIndex])
            var start: Double?
            var step = 0.0
            if let value = number(head) {
                start = value
            } else if let split = operatorIndex(in: head) {
                start = number(String(head[..<split]))
                let magnitude = number(String(head[head.index(after: split)...]))
                guard let magnitude else { throw ExpansionError(token: token) }
                step = head[split] == "-" ? -magnitude : magnitude
            }
            guard let start else { throw ExpansionError(token: token) }
            for index in 0...count { values.append(start + Double(index) * step) }
        }
        return values
    }

    struct ExpansionError: Error, CustomStringConvertible {
        var token: String
        var description: String {
            "cannot read \"\(token)\" in expanding notation (expected a, a+bxn, a-bxn, axn, _, _xn or stale)"
        }
    }

    /// The `+`/`-` between a and b (not a leading sign, not an exponent's sign).
    private static func operatorIndex(in text: String) -> String.Index? {
        var previous: Character?
        for index in text.indices {
            let character = text[index]
            if (character == "+" || character == "-"), index != text.startIndex, previous != "e", previous != "E" {
                return index
            }
            previous = character
        }
        return nil
    }

    private static func number(_ text: String) -> Double? {
        switch text {
        case "Inf", "+Inf", "inf", "+inf": return .infinity
        case "-Inf", "-inf": return -.infinity
        case "NaN", "nan": return .nan
        default:
            guard !text.isEmpty, text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
            return Double(text)
        }
    }

    private struct Reader {
        let file: String

        func failure(_ message: String, at node: Node?) -> ConfigError {
            let mark = node?.mark
            return ConfigError(diagnostics: [
                ConfigDiagnostic(
                    file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: .error, message: message)
            ])
        }

        func mapping(_ node: Node, _ what: String, keys: Set<String>) throws -> [(String, Node, Node)] {
            guard let mapping = node.mapping else { throw failure("expected \(what) (a mapping)", at: node) }
            var entries: [(String, Node, Node)] = []
            for (key, value) in mapping {
                guard let name = key.string else { throw failure("expected a string key", at: key) }
                guard keys.contains(name) else {
                    throw failure(
                        "unknown key '\(name)' in \(what); expected one of \(keys.sorted().joined(separator: ", "))",
                        at: key)
                }
                entries.append((name, key, value))
            }
            return entries
        }

        func string(_ node: Node, _ what: String) throws -> String {
            guard let text = node.scalar?.string else { throw failure("expected \(what) (a string)", at: node) }
            return text
        }

        func duration(_ node: Node, _ what: String) throws -> Duration {
            let text = try string(node, what)
            guard let duration = PrometheusDuration.parse(text) else {
                throw failure("found \"\(text)\", expected \(what) as a duration like 1m or 90s", at: node)
            }
            return duration
        }

        func list(_ node: Node, _ what: String) throws -> [Node] {
            if case .scalar(let scalar) = node, ["", "~", "null"].contains(scalar.string) { return [] }
            guard let sequence = node.sequence else { throw failure("expected \(what) (a list)", at: node) }
            return Array(sequence)
        }

        func file(_ root: Node) throws -> RuleTestFile {
            var result = RuleTestFile(ruleFiles: [], tests: [])
            for (key, _, value) in try mapping(
                root, "the test file", keys: ["rule_files", "evaluation_interval", "group_eval_order", "tests"])
            {
                switch key {
                case "rule_files": result.ruleFiles = try list(value, "rule_files").map { try string($0, "a file") }
                case "evaluation_interval":
                    result.evaluationInterval = try duration(value, "evaluation_interval")
                case "tests": result.tests = try list(value, "tests").map { try group($0) }
                default: break
                }
            }
            return result
        }

        func group(_ node: Node) throws -> RuleTestGroup {
            var group = RuleTestGroup(name: nil, interval: .seconds(60), inputSeries: [], alertTests: [])
            let keys: Set<String> = [
                "name", "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels",
                "external_url",
            ]
            for (key, _, value) in try mapping(node, "a test group", keys: keys) {
                switch key {
                case "name": group.name = try string(value, "name")
                case "interval": group.interval = try duration(value, "interval")
                case "input_series": group.inputSeries = try list(value, "input_series").map { try series($0) }
                case "alert_rule_test": group.alertTests = try list(value, "alert_rule_test").map { try alertTest($0) }
                default: break
                }
            }
            return group
        }

        func series(_ node: Node) throws -> InputSeries {
            var selectorText: String?
            var valuesText = ""
            var seriesNode = node
            var valuesNode = node
            for (key, _, value) in try mapping(node, "an input series", keys: ["series", "values"]) {
                if key == "series" {
                    selectorText = try string(value, "series")
                    seriesNode = value
                } else {
                    valuesText = try string(value, "values")
                    valuesNode = value
                }
            }
            guard let selectorText else { throw failure("an input series needs 'series'", at: node) }
            let selector: SeriesSelector
            do {
                selector = try SeriesSelector(parsing: selectorText)
            } catch {
                throw failure("series: \(error)", at: seriesNode)
            }
            guard let name = selector.metricName, selector.matchers.allSatisfy({ $0.op == .equal }) else {
                throw failure(
                    "series must be a metric name with label=\"value\" pairs, found \(selectorText)", at: seriesNode)
            }
            let values: [Double?]
            do {
                values = try RuleTestParser.expand(valuesText)
            } catch {
                throw failure("values: \(error)", at: valuesNode)
            }
            return InputSeries(
                name: name, labels: Labels(Dictionary(selector.matchers.map { ($0.name, $0.value) }) { $1 }),
                values: values)
        }

        func alertTest(_ node: Node) throws -> AlertTestCase {
            var evalTime: Duration?
            var alertname: String?
            var expected: [ExpectedAlert] = []
            for (key, _, value) in try mapping(node, "an alert test", keys: ["eval_time", "alertname", "exp_alerts"]) {
                switch key {
                case "eval_time": evalTime = try duration(value, "eval_time")
                case "alertname": alertname = try string(value, "alertname")
                default:
                    expected = try list(value, "exp_alerts").map { entry in
                        var alert = ExpectedAlert(labels: [:], annotations: [:])
                        for (field, _, content) in try mapping(
                            entry, "an expected alert", keys: ["exp_labels", "exp_annotations"])
                        {
                            let pairs = try stringMap(content, field)
                            if field == "exp_labels" { alert.labels = pairs } else { alert.annotations = pairs }
                        }
                        return alert
                    }
                }
            }
            guard let evalTime, let alertname else {
                throw failure("an alert test needs eval_time and alertname", at: node)
            }
            return AlertTestCase(evalTime: evalTime, alertname: alertname, expected: expected)
        }

        func stringMap(_ node: Node, _ what: String) throws -> [String: String] {
            guard let mapping = node.mapping else { throw failure("expected \(what) (a mapping)", at: node) }
            var result: [String: String] = [:]
            for (key, value) in mapping {
                result[try string(key, "a name")] = try string(value, "a value")
            }
            return result
        }
    }
}
