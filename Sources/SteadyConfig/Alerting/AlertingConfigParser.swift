public import SteadyModel
import Yams

/// Reads the Alertmanager-shaped sections of a configuration (`global`, `route`, `receivers`, `inhibit_rules`,
/// `time_intervals`/`mute_time_intervals`, `templates`) into one ``AlertingConfiguration``, checking references:
/// every receiver a route names exists, receiver names are unique.
public enum AlertingConfigParser {
    /// Parses a whole Alertmanager configuration file.
    public static func parseAlertmanagerConfig(yaml: String, file: String) throws(ConfigError) -> AlertingConfiguration
    {
        let reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw reader.failure("invalid YAML: \(error)", at: nil)
        }
        guard let root, let mapping = root.mapping else { throw reader.failure("expected a mapping", at: root) }
        var sections: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            sections[name] = value
        }
        return try parse(sections: sections, reader: reader)
    }

    static func parse(sections: [String: Node], reader: YAMLNodeReader) throws(ConfigError) -> AlertingConfiguration {
        var configuration = AlertingConfiguration()
        if let global = sections["global"] {
            let mapping = try reader.mapping(global, "global")
            if let node = mapping["resolve_timeout"] {
                let text = try reader.string(node, "global.resolve_timeout")
                guard let duration = PrometheusDuration.parse(text), duration > .zero else {
                    throw reader.failure(
                        "global.resolve_timeout: expected a duration like 5m, found '\(text)'", at: node)
                }
                configuration.resolveTimeout = duration
            }
        }
        guard let routeNode = sections["route"] else {
            throw reader.failure("route: an alerting configuration needs a root route", at: nil)
        }
        configuration.route = try AlertRouteParser.parseRoot(routeNode, reader: reader)
        configuration.receivers = try receivers(sections["receivers"], reader: reader)
        if let templates = sections["templates"] {
            guard let sequence = templates.sequence else {
                throw reader.failure("templates: expected a list of file globs", at: templates)
            }
            configuration.templates = sequence.compactMap { $0.scalar?.string }
        }
        try checkReferences(
            configuration.route, receivers: Set(configuration.receivers.map(\.name)), node: routeNode, reader: reader)
        return configuration
    }

    static func receivers(_ node: Node?, reader: YAMLNodeReader) throws(ConfigError) -> [ReceiverConfig] {
        guard let node else { return [] }
        guard let sequence = node.sequence else { throw reader.failure("receivers: expected a list", at: node) }
        var seen: Set<String> = []
        var result: [ReceiverConfig] = []
        for (index, item) in sequence.enumerated() {
            let path = "receivers[\(index)]"
            _ = try reader.mapping(item, path)
            let name = try reader.string(reader.child(item, "name"), "\(path).name")
            guard seen.insert(name).inserted else {
                throw reader.failure("\(path).name: notification config name \"\(name)\" is not unique", at: item)
            }
            result.append(ReceiverConfig(name: name))
        }
        return result
    }

    private static func checkReferences(
        _ route: AlertRoute, receivers: Set<String>, node: Node, reader: YAMLNodeReader
    ) throws(ConfigError) {
        if let receiver = route.receiver, !receivers.contains(receiver) {
            throw reader.failure("route: undefined receiver \"\(receiver)\" used in route", at: node)
        }
        for child in route.routes {
            try checkReferences(child, receivers: receivers, node: node, reader: reader)
        }
    }
}
