public import SteadyModel

/// Alertmanager's textual keys: a route's key (`{}/{service="checkout"}`, parents joined by `/`, each node's
/// matchers sorted and printed with Go's `%q`) and an aggregation group's key (`<route key>:<group labels>`, the
/// labels printed as `{a="1", b="2"}`).
public enum GroupKey {
    public static func routeKey(_ path: [RouteTree.Node]) -> String {
        path.map { node in
            "{" + node.matchers.sorted(by: matcherOrder).map(matcherText).joined(separator: ",") + "}"
        }.joined(separator: "/")
    }

    public static func groupKey(routeKey: String, groupLabels: Labels) -> String {
        routeKey + ":" + labelSetText(groupLabels)
    }

    /// `{a="1", b="2"}` with names sorted (prometheus/common `LabelSet.String`).
    public static func labelSetText(_ labels: Labels) -> String {
        "{" + labels.map { "\($0.name)=\(GoQuote.quoted($0.value))" }.sorted().joined(separator: ", ") + "}"
    }

    static func matcherText(_ matcher: LabelMatcher) -> String {
        matcher.name + matcher.op.rawValue + GoQuote.quoted(matcher.value)
    }

    /// Alertmanager's `labels.Matchers` order: by name, then value, then type.
    static func matcherOrder(_ lhs: LabelMatcher, _ rhs: LabelMatcher) -> Bool {
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        if lhs.value != rhs.value { return lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8) }
        return typeRank(lhs.op) < typeRank(rhs.op)
    }

    static func typeRank(_ op: LabelMatcher.Operator) -> Int {
        switch op {
        case .equal: 0
        case .notEqual: 1
        case .regexMatch: 2
        case .regexNoMatch: 3
        }
    }
}
