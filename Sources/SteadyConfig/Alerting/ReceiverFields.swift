import Foundation
import SteadyModel
import Yams

/// The keys of one YAML mapping in an Alertmanager section, checked against the keys Alertmanager accepts (unknown
/// and duplicate keys are errors, with a suggestion), with typed accessors that name `path.key` in every error.
struct ReceiverFields {
    let node: Node
    let path: String
    private(set) var values: [String: Node] = [:]
    private(set) var keyNodes: [String: Node] = [:]

    init(_ node: Node, path: String, allowed: [String], reader: YAMLNodeReader) throws(ConfigError) {
        self.node = node
        self.path = path
        let mapping = try reader.mapping(node, path)
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw reader.failure("\(path): expected string keys", at: keyNode)
            }
            guard allowed.contains(key) else {
                var message = "\(path): unknown key '\(key)'"
                if let suggestion = Suggestion.closest(to: key, in: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; expected one of \(allowed.sorted().joined(separator: ", "))"
                }
                throw reader.failure(message, at: keyNode)
            }
            guard values[key] == nil else { throw reader.failure("\(path): key '\(key)' already set", at: keyNode) }
            if Self.isNull(value) { continue }
            values[key] = value
            keyNodes[key] = keyNode
        }
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    func node(_ key: String) -> Node? { values[key] }

    func string(_ key: String, reader: YAMLNodeReader) throws(ConfigError) -> String? {
        guard let value = values[key] else { return nil }
        guard let scalar = value.scalar else {
            throw reader.failure("\(path).\(key): expected a string, found a \(Self.kind(value))", at: value)
        }
        return scalar.string
    }

    func bool(_ key: String, reader: YAMLNodeReader) throws(ConfigError) -> Bool? {
        guard let text = try string(key, reader: reader) else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: throw reader.failure("\(path).\(key): found \"\(text)\", expected true or false", at: values[key])
        }
    }

    func nonNegativeInt(_ key: String, reader: YAMLNodeReader) throws(ConfigError) -> Int? {
        guard let text = try string(key, reader: reader) else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw reader.failure("\(path).\(key): found \"\(text)\", expected a non-negative integer", at: values[key])
        }
        return value
    }

    func duration(_ key: String, reader: YAMLNodeReader) throws(ConfigError) -> Duration? {
        guard let text = try string(key, reader: reader) else { return nil }
        guard let value = PrometheusDuration.parse(text) else {
            throw reader.failure(
                "\(path).\(key): found \"\(text)\", expected a duration like 10s or 1m", at: values[key])
        }
        return value
    }

    func stringMap(_ key: String, reader: YAMLNodeReader) throws(ConfigError) -> [String: String]? {
        guard let value = values[key] else { return nil }
        guard let mapping = value.mapping else {
            throw reader.failure(
                "\(path).\(key): expected a mapping of strings, found a \(Self.kind(value))", at: value)
        }
        var result: [String: String] = [:]
        for (name, item) in mapping {
            guard let text = name.scalar?.string, let valueText = item.scalar?.string else {
                throw reader.failure("\(path).\(key): expected string keys and values", at: item)
            }
            result[text] = valueText
        }
        return result
    }

    func stringList(_ key: String, reader: YAMLNodeReader) throws(ConfigError) -> [String]? {
        guard let value = values[key] else { return nil }
        guard let sequence = value.sequence else {
            throw reader.failure("\(path).\(key): expected a list of strings, found a \(Self.kind(value))", at: value)
        }
        var result: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                throw reader.failure("\(path).\(key): expected a list of strings", at: item)
            }
            result.append(text)
        }
        return result
    }

    /// A secret given inline (`key`) or in a file (`fileKey`, read now, relative to the configuration file);
    /// at most one of them.
    func secret(_ key: String, file fileKey: String?, reader: YAMLNodeReader) throws(ConfigError) -> Secret? {
        let inline = try string(key, reader: reader)
        guard let fileKey, let fileName = try string(fileKey, reader: reader) else {
            return inline.map { Secret($0) }
        }
        guard inline == nil else {
            throw reader.failure(
                "\(path): at most one of \(key) & \(fileKey) must be configured", at: keyNodes[fileKey])
        }
        var location = fileName
        if !fileName.hasPrefix("/") {
            let directory = (reader.file as NSString).deletingLastPathComponent
            if !directory.isEmpty { location = (directory as NSString).appendingPathComponent(fileName) }
        }
        guard let contents = try? String(contentsOfFile: location, encoding: .utf8) else {
            throw reader.failure("\(path).\(fileKey): cannot read \(location)", at: values[fileKey])
        }
        return Secret(contents.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "scalar"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}

extension ReceiverFields {
    /// The configuration error for text Yams could not read: the problem and its line:column only, through the
    /// loader's ``YamlErrorTranslator``. Yams' own description quotes the offending source lines, which can hold a
    /// password or token, so it is never embedded.
    static func invalidYAML(_ error: any Error, yaml: String, file: String) -> ConfigError {
        ConfigError(
            diagnostics: YamlErrorTranslator.diagnostics(for: error, file: file, text: yaml, source: SourceText(yaml)))
    }
}
