import Yams

/// Reads a composed YAML node tree with file:line:column errors (for the SLO spec importers).
struct YAMLNodeReader {
    let file: String
    var warnings: [ConfigDiagnostic] = []

    init(file: String) { self.file = file }

    func failure(_ message: String, at node: Node?) -> ConfigError {
        ConfigError(diagnostics: warnings + [diagnostic(.error, message, at: node)])
    }

    func diagnostic(_ severity: ConfigDiagnostic.Severity, _ message: String, at node: Node?) -> ConfigDiagnostic {
        ConfigDiagnostic(
            file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, severity: severity,
            message: message)
    }

    mutating func warn(_ message: String, at node: Node?) { warnings.append(diagnostic(.warning, message, at: node)) }

    func mapping(_ node: Node?, _ path: String) throws(ConfigError) -> Node.Mapping {
        guard let node, let mapping = node.mapping else { throw failure("\(path): expected a mapping", at: node) }
        return mapping
    }

    func child(_ node: Node, _ key: String) -> Node? { node.mapping?[key] }

    func string(_ node: Node?, _ path: String) throws(ConfigError) -> String {
        guard let node else { throw failure("\(path): required", at: nil) }
        guard let text = node.scalar?.string, !text.isEmpty else {
            throw failure("\(path): expected a non-empty string", at: node)
        }
        return text
    }

    func optionalString(_ node: Node?) -> String? { node?.scalar?.string }

    func required(_ node: Node, _ key: String, _ path: String) throws(ConfigError) -> Node {
        guard let value = child(node, key) else { throw failure("\(path): missing required key '\(key)'", at: node) }
        return value
    }

    func number(_ node: Node?, _ path: String) throws(ConfigError) -> Double {
        let text = try string(node, path)
        guard let value = Double(text.trimmingCharacters(in: " %")), value.isFinite else {
            throw failure("\(path): found \"\(text)\", expected a number", at: node)
        }
        return value
    }

    func sequence(_ node: Node?, _ path: String) throws(ConfigError) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else { throw failure("\(path): expected a list", at: node) }
        return Array(sequence)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
