public import SteadyModel
import Yams

/// Reads the Alertmanager-shaped sections of a configuration (`global`, `route`, `receivers`, `inhibit_rules`,
/// `time_intervals`/`mute_time_intervals`, `templates`) into one ``AlertingConfiguration``, checking references:
/// every receiver a route names exists, receiver names are unique.
public enum AlertingConfigParser {
    /// The configuration and the warnings found while reading it (integrations Steady does not deliver to, …).
    public struct Parsed: Sendable, Equatable {
        public var configuration: AlertingConfiguration
        public var warnings: [ConfigDiagnostic]
    }

    /// Parses a whole Alertmanager configuration file.
    public static func parseAlertmanagerConfig(yaml: String, file: String) throws(ConfigError) -> Parsed {
        var reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReceiverFields.invalidYAML(error, yaml: yaml, file: file)
        }
        guard let root, let mapping = root.mapping else { throw reader.failure("expected a mapping", at: root) }
        var sections: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            sections[name] = value
        }
        let configuration = try parse(sections: sections, reader: &reader)
        return Parsed(configuration: configuration, warnings: reader.warnings)
    }

    /// The sections by their top-level key; warnings are added to `reader`.
    static func parse(
        sections: [String: Node], reader: inout YAMLNodeReader
    ) throws(ConfigError)
        -> AlertingConfiguration
    {
        var configuration = AlertingConfiguration()
        let global = try ReceiverParser.parseGlobal(sections["global"], reader: &reader)
        if let global = sections["global"], let node = global.mapping?["resolve_timeout"] {
            let text = try reader.string(node, "global.resolve_timeout")
            guard let duration = PrometheusDuration.parse(text), duration > .zero else {
                throw reader.failure("global.resolve_timeout: expected a duration like 5m, found '\(text)'", at: node)
            }
            configuration.resolveTimeout = duration
        }
        guard let routeNode = sections["route"] else {
            throw reader.failure("route: an alerting configuration needs a root route", at: nil)
        }
        configuration.route = try AlertRouteParser.parseRoot(routeNode, reader: reader)
        if !configuration.route.muteTimeIntervals.isEmpty {
            throw reader.failure("route: root route must not have any mute time intervals", at: routeNode)
        }
        if !configuration.route.activeTimeIntervals.isEmpty {
            throw reader.failure("route: root route must not have any active time intervals", at: routeNode)
        }
        configuration.receivers = try ReceiverParser.parse(sections["receivers"], reader: &reader, global: global)
        if let node = sections["inhibit_rules"] {
            configuration.inhibitRules = try InhibitRuleParser.parse(node, path: "inhibit_rules", reader: reader)
        }
        configuration.timeIntervals = try TimeIntervalParser.parseSections(
            timeIntervals: sections["time_intervals"], muteTimeIntervals: sections["mute_time_intervals"],
            reader: reader)
        if let templates = sections["templates"] {
            guard let sequence = templates.sequence else {
                throw reader.failure("templates: expected a list of file globs", at: templates)
            }
            configuration.templates = sequence.compactMap { $0.scalar?.string }
        }
        try checkReferences(
            configuration.route, receivers: Set(configuration.receivers.map(\.name)), node: routeNode, reader: reader)
        try TimeIntervalParser.checkReferences(
            configuration.route, names: Set(configuration.timeIntervals.map(\.name)), node: routeNode, reader: reader)
        return configuration
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
