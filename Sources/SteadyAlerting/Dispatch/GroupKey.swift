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
        "{" + labels.map { "\($0.name)=\(goQuote($0.value))" }.sorted().joined(separator: ", ") + "}"
    }

    static func matcherText(_ matcher: LabelMatcher) -> String {
        matcher.name + matcher.op.rawValue + goQuote(matcher.value)
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

    /// Go's `strconv.Quote` for valid UTF-8: escapes `"`, `\`, control characters; keeps printable Unicode.
    public static func goQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F {
                    out += "\\x" + hex(value, width: 2)
                } else if (0x80..<0xA0).contains(value) || value == 0xAD || (0x2028...0x2029).contains(value)
                    || value == 0xFEFF
                {
                    out += value > 0xFFFF ? "\\U" + hex(value, width: 8) : "\\u" + hex(value, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
