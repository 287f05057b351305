import SteadyModel

/// Selectors built without the text parser.
enum Selectors {
    static func named(_ name: String, _ matchers: [(String, LabelMatcher.Operator, String)] = []) -> SeriesSelector {
        SeriesSelector(
            metricName: name, matchers: matchers.map { try! LabelMatcher(name: $0.0, op: $0.1, value: $0.2) })
    }

    static func matchers(_ matchers: [(String, LabelMatcher.Operator, String)]) -> SeriesSelector {
        SeriesSelector(metricName: nil, matchers: matchers.map { try! LabelMatcher(name: $0.0, op: $0.1, value: $0.2) })
    }
}
