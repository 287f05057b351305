/// One label matcher of a vector selector: `name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`.
///
/// Regular expressions are fully anchored, as in PromQL and Alertmanager; equality and hashing ignore the dialect.
public struct LabelMatcher: Hashable, Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    /// How a regular expression is anchored, which decides whether `.` matches a newline.
    public enum Dialect: Sendable, Hashable {
        /// PromQL since Prometheus 3: `^(?s:re)$`, `.` matches `\n`.
        case prometheus
        /// Alertmanager (silences, inhibit rules, routes, API filters): `^(?:re)$`, `.` does not match `\n`.
        case alertmanager
    }

    public let name: String
    public let op: Operator
    public let value: String
    public let dialect: Dialect
    let regex: AnchoredRegex?

    /// Creates a matcher; throws for an invalid regular expression.
    public init(name: String, op: Operator, value: String, dialect: Dialect = .prometheus) throws(SelectorError) {
        self.name = name
        self.op = op
        self.value = value
        self.dialect = dialect
        switch op {
        case .equal, .notEqual: regex = nil
        case .regexMatch, .regexNoMatch: regex = try AnchoredRegex(value, dotMatchesNewline: dialect == .prometheus)
        }
    }

    /// Whether a label value (empty when the label is absent) satisfies the matcher.
    public func matches(_ labelValue: String) -> Bool {
        switch op {
        case .equal: labelValue == value
        case .notEqual: labelValue != value
        case .regexMatch: regex!.matches(labelValue)
        case .regexNoMatch: !regex!.matches(labelValue)
        }
    }

    public var description: String { "\(name)\(op.rawValue)\"\(Labels.escape(value))\"" }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.op == rhs.op && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(op)
        hasher.combine(value)
    }
}
