import Foundation
import SteadyModel

/// One `histogram_quantile` evaluation to compare: a quantile over one or more bucket series groups.
struct QuantileCase {
    /// Bucket series per group: `le` label text and value. Several groups are summed `by (le)`.
    var groups: [[(le: String, count: Double)]]
    var q: Double

    /// The buckets Steady would see: each group parsed, then merged by upper bound like stored rollups.
    var steadyBuckets: [LatencyBucket] {
        let parsed = groups.map { group in
            group.map { LatencyBucket(upperBound: Self.parse($0.le), count: $0.count) }
        }
        if parsed.count == 1 { return parsed[0] }
        return parsed.map { $0.sorted { $0.upperBound < $1.upperBound } }.reduce([]) { LatencyBucket.merged($0, $1) }
    }

    func expression(metric: String) -> String {
        let selector = groups.count == 1 ? metric : "sum by (le) (\(metric))"
        return "histogram_quantile(\(q), \(selector))"
    }

    static func parse(_ le: String) -> Double {
        le == "+Inf" ? .infinity : Double(le)!
    }
}

/// Writes a promtool rule-test file (`promtool test rules`) with one test group per case.
enum RuleTestFile {
    static func metric(_ index: Int) -> String { "case\(index)_bucket" }

    /// `expected[i]` is written as the expected value of case i (NaN for nil).
    static func render(cases: [QuantileCase], expected: [Double?]) -> String {
        var text = "evaluation_interval: 1m\ntests:\n"
        for (index, quantileCase) in cases.enumerated() {
            text += "  - interval: 1m\n    input_series:\n"
            for (group, series) in quantileCase.groups.enumerated() {
                for bucket in series {
                    text += "      - series: '\(metric(index)){le=\"\(bucket.le)\",group=\"\(group)\"}'\n"
                    text += "        values: '\(number(bucket.count))'\n"
                }
            }
            text += "    promql_expr_test:\n"
            text += "      - expr: '\(quantileCase.expression(metric: metric(index)))'\n"
            text += "        eval_time: 0m\n"
            text += "        exp_samples:\n"
            text += "          - labels: '{}'\n"
            text += "            value: \(yamlNumber(expected[index]))\n"
        }
        return text
    }

    static func number(_ value: Double) -> String { "\(value)" }

    static func yamlNumber(_ value: Double?) -> String {
        guard let value, !value.isNaN else { return ".nan" }
        if value == .infinity { return ".inf" }
        if value == -.infinity { return "-.inf" }
        return "\(value)"
    }

    /// The `got` value of every failed expression in promtool's output, by expression text. A value is nil when it
    /// did not parse (for example an empty result).
    static func failures(in output: String) -> [String: Double?] {
        var result: [String: Double?] = [:]
        var currentExpression: String?
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("expr: \""), let end = line.range(of: "\", time:") {
                currentExpression = String(line[line.index(line.startIndex, offsetBy: 7)..<end.lowerBound])
            } else if line.hasPrefix("got:"), let expression = currentExpression {
                let token = line.split(separator: " ").last.map(String.init) ?? ""
                result[expression] = parseGo(token)
                currentExpression = nil
            }
        }
        return result
    }

    /// Parses a float printed by Go (`3E-01`, `NaN`, `+Inf`).
    static func parseGo(_ token: String) -> Double? {
        switch token {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(token)
        }
    }
}
