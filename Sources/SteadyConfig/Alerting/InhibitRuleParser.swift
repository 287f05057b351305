public import SteadyModel
import Yams

/// Reads Alertmanager's `inhibit_rules:` section into ``InhibitRule``s: `source_matchers`/`target_matchers`
/// (Alertmanager matcher strings), the deprecated `source_match`/`source_match_re`/`target_match`/`target_match_re`
/// maps, and `equal`. Messages follow Alertmanager 0.25 (`invalid label name "a-b"`, `"a-b" is not a valid label
/// name`), prefixed with the key path and placed at the offending node.
///
/// ```swift
/// let rules = try InhibitRuleParser.parseAlertmanagerConfig(yaml: text, file: "alertmanager.yml")
/// ```
public enum InhibitRuleParser {
    static let keys = [
        "source_match", "source_match_re", "source_matchers", "target_match", "target_match_re", "target_matchers",
        "equal",
    ]

    /// Reads the `inhibit_rules` section of a whole Alertmanager configuration file (none when it is absent).
    public static func parseAlertmanagerConfig(yaml: String, file: String) throws(ConfigError) -> [InhibitRule] {
        let reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReceiverFields.invalidYAML(error, yaml: yaml, file: file)
        }
        guard let root else { return [] }
        _ = try reader.mapping(root, "configuration")
        guard let node = reader.child(root, "inhibit_rules") else { return [] }
        return try parse(node, path: "inhibit_rules", reader: reader)
    }

    /// The section's value node (a list of rules). As in Alertmanager, the deprecated maps come first in a rule's
    /// matchers (equality, then regular expressions), then `*_matchers`.
    static func parse(_ node: Node, path: String, reader: YAMLNodeReader) throws(ConfigError) -> [InhibitRule] {
        if node.null != nil { return [] }
        var rules: [InhibitRule] = []
        for (index, item) in try TimeIntervalParser.sequence(node, path, reader: reader).enumerated() {
            rules.append(try rule(item, "\(path)[\(index)]", reader: reader))
        }
        return rules
    }

    private static func rule(_ node: Node, _ path: String, reader: YAMLNodeReader) throws(ConfigError) -> InhibitRule {
        var rule = InhibitRule(sourceMatchers: [], targetMatchers: [])
        if node.null != nil { return rule }
        let fields = try TimeIntervalParser.fields(node, path, allowed: keys, reader: reader)
        for side in ["source", "target"] {
            var matchers: [LabelMatcher] = []
            if let map = fields["\(side)_match"] {
                matchers += try equalityMap(map, "\(path).\(side)_match", reader: reader)
            }
            if let map = fields["\(side)_match_re"] {
                matchers += try regexMap(map, "\(path).\(side)_match_re", reader: reader)
            }
            if let list = fields["\(side)_matchers"] {
                matchers += try matcherList(list, "\(path).\(side)_matchers", reader: reader)
            }
            if side == "source" { rule.sourceMatchers = matchers } else { rule.targetMatchers = matchers }
        }
        if let equal = fields["equal"], equal.null == nil {
            rule.equal = try TimeIntervalParser.sequence(equal, "\(path).equal", reader: reader).enumerated().map {
                (index, item) throws(ConfigError) in
                let name = try TimeIntervalParser.scalar(item, "\(path).equal[\(index)]", reader: reader)
                // yaml.v2 skips the label-name check for a null entry.
                guard isValidLabelName(name) || item.null != nil else {
                    throw reader.failure(
                        "\(path).equal[\(index)]: \(GoQuote.quoted(name)) is not a valid label name",
                        at: item)
                }
                return name
            }
        }
        return rule
    }

    private static func entries(
        _ node: Node, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError) -> [(name: String, nameNode: Node, value: String, valueNode: Node)] {
        if node.null != nil { return [] }
        guard let mapping = node.mapping else { throw reader.failure("\(path): expected a mapping", at: node) }
        var result: [(name: String, nameNode: Node, value: String, valueNode: Node)] = []
        for (key, value) in mapping {
            let name = try TimeIntervalParser.scalar(key, path, reader: reader)
            let text = try TimeIntervalParser.scalar(value, "\(path).\(name)", reader: reader)
            result.append((name, key, text, value))
        }
        return result
    }

    private static func equalityMap(
        _ node: Node, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError)
        -> [LabelMatcher]
    {
        var matchers: [LabelMatcher] = []
        for entry in try entries(node, path, reader: reader) {
            guard isValidLabelName(entry.name) else {
                throw reader.failure(
                    "\(path): invalid label name \(GoQuote.quoted(entry.name))", at: entry.nameNode)
            }
            do {
                matchers.append(try LabelMatcher(name: entry.name, op: .equal, value: entry.value))
            } catch {
                throw reader.failure("\(path).\(entry.name): \(error)", at: entry.valueNode)
            }
        }
        return matchers
    }

    /// Alertmanager compiles every value first (`Regexp.UnmarshalYAML`), then checks the label names.
    private static func regexMap(
        _ node: Node, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError)
        -> [LabelMatcher]
    {
        let entries = try entries(node, path, reader: reader)
        var matchers: [LabelMatcher] = []
        for entry in entries {
            do {
                matchers.append(
                    try LabelMatcher(name: entry.name, op: .regexMatch, value: entry.value, dialect: .alertmanager))
            } catch {
                throw reader.failure("\(path).\(entry.name): \(error)", at: entry.valueNode)
            }
        }
        for entry in entries where !isValidLabelName(entry.name) {
            throw reader.failure(
                "\(path): invalid label name \(GoQuote.quoted(entry.name))", at: entry.nameNode)
        }
        return matchers
    }

    private static func matcherList(
        _ node: Node, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError)
        -> [LabelMatcher]
    {
        if node.null != nil { return [] }
        var matchers: [LabelMatcher] = []
        for (index, item) in try TimeIntervalParser.sequence(node, path, reader: reader).enumerated() {
            let text = try TimeIntervalParser.scalar(item, "\(path)[\(index)]", reader: reader)
            do {
                matchers += try AlertMatcherParser.parse(text)
            } catch {
                throw reader.failure("\(path)[\(index)]: \(error)", at: item)
            }
        }
        return matchers
    }

    /// Prometheus's label name rule: `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        func letter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95 }
        guard letter(first) else { return false }
        return name.utf8.dropFirst().allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) }
    }
}
