import Foundation
public import SteadyModel
import Yams

/// Reads the `route:` section of an Alertmanager (or Steady) configuration into an ``AlertRoute`` tree:
/// `receiver`, `group_by`, `continue`, `matchers` (Alertmanager's matcher strings), the deprecated `match` and
/// `match_re` maps, `group_wait`, `group_interval`, `repeat_interval`, `mute_time_intervals`,
/// `active_time_intervals` and nested `routes`. Errors name the path and what was expected.
///
/// ```swift
/// let route = try AlertRouteParser.parse(yaml: configuration.passthrough["route"]!, file: "steady.yml")
/// ```
public enum AlertRouteParser {
    static let keys: Set<String> = [
        "receiver", "group_by", "continue", "matchers", "match", "match_re", "group_wait", "group_interval",
        "repeat_interval", "mute_time_intervals", "active_time_intervals", "send_resolved_silenced", "routes",
    ]

    public static func parse(yaml: String, file: String) throws(ConfigError) -> AlertRoute {
        let reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReceiverFields.invalidYAML(error, yaml: yaml, file: file)
        }
        guard let root else { throw reader.failure("route: expected a mapping", at: nil) }
        return try parseRoot(root, reader: reader)
    }

    /// The root route from its node (`route:`'s value): needs a receiver and no matchers.
    static func parseRoot(_ root: Node, reader: YAMLNodeReader) throws(ConfigError) -> AlertRoute {
        let route = try self.route(root, path: "route", reader: reader)
        guard route.receiver != nil else { throw reader.failure("route: the root route needs a receiver", at: root) }
        guard route.matchers.isEmpty else {
            throw reader.failure("route: the root route must not have any matchers", at: root)
        }
        return route
    }

    /// Reads a whole Alertmanager configuration file and returns its routing tree.
    public static func parseAlertmanagerConfig(yaml: String, file: String) throws(ConfigError) -> AlertRoute {
        let reader = YAMLNodeReader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ReceiverFields.invalidYAML(error, yaml: yaml, file: file)
        }
        guard let root, let route = reader.child(root, "route") else {
            throw reader.failure("expected a top-level route section", at: root)
        }
        return try self.route(route, path: "route", reader: reader)
    }

    private static func route(_ node: Node, path: String, reader: YAMLNodeReader) throws(ConfigError) -> AlertRoute {
        let mapping = try reader.mapping(node, path)
        var route = AlertRoute()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw reader.failure("\(path): expected string keys", at: keyNode)
            }
            guard keys.contains(key) else {
                throw reader.failure(
                    "\(path): unknown key '\(key)'; expected one of \(keys.sorted().joined(separator: ", "))",
                    at: keyNode)
            }
            let field = "\(path).\(key)"
            switch key {
            case "receiver": route.receiver = try reader.string(value, field)
            case "group_by":
                route.groupBy = try reader.sequence(value, field).map { (item) throws(ConfigError) in
                    try reader.string(item, field)
                }
            case "continue":
                let text = try reader.string(value, field)
                guard text == "true" || text == "false" else {
                    throw reader.failure("\(field): found \"\(text)\", expected true or false", at: value)
                }
                route.continue = text == "true"
            case "matchers":
                for item in try reader.sequence(value, field) {
                    let text = try reader.string(item, field)
                    do {
                        route.matchers += try AlertMatcherParser.parse(text)
                    } catch {
                        throw reader.failure("\(field): \(error)", at: item)
                    }
                }
            case "match", "match_re":
                for (name, pattern) in try reader.mapping(value, field) {
                    let label = try reader.string(name, field)
                    let text = pattern.scalar?.string ?? ""
                    do {
                        route.matchers.append(
                            try LabelMatcher(
                                name: label, op: key == "match" ? .equal : .regexMatch, value: text,
                                dialect: .alertmanager))
                    } catch {
                        throw reader.failure("\(field).\(label): \(error)", at: pattern)
                    }
                }
            case "group_wait", "group_interval", "repeat_interval":
                let text = try reader.string(value, field)
                guard let duration = PrometheusDuration.parse(text) else {
                    throw reader.failure("\(field): found \"\(text)\", expected a duration like 30s or 5m", at: value)
                }
                switch key {
                case "group_wait": route.groupWait = duration
                case "group_interval": route.groupInterval = duration
                default: route.repeatInterval = duration
                }
            case "send_resolved_silenced":
                let text = try reader.string(value, field)
                guard text == "true" || text == "false" else {
                    throw reader.failure("\(field): found \"\(text)\", expected true or false", at: value)
                }
                route.sendResolvedSilenced = text == "true"
            case "mute_time_intervals":
                route.muteTimeIntervals = try reader.sequence(value, field).map { (item) throws(ConfigError) in
                    try reader.string(item, field)
                }
            case "active_time_intervals":
                route.activeTimeIntervals = try reader.sequence(value, field).map { (item) throws(ConfigError) in
                    try reader.string(item, field)
                }
            default:
                route.routes = try reader.sequence(value, field).enumerated().map {
                    (index, child) throws(ConfigError) in
                    try self.route(child, path: "\(field)[\(index)]", reader: reader)
                }
            }
        }
        return route
    }
}
