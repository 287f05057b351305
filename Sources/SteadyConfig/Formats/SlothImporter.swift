import SteadyModel
import Yams

/// Sloth `prometheus/v1` specs and the `PrometheusServiceLevel` CRD's `spec` (camelCase keys). Sloth's period is
/// a CLI default of 30 days; Steady imports 30d rolling.
enum SlothImporter {
    static func spec(_ node: Node, reader: inout YAMLNodeReader, crd: Bool) throws(ConfigError) -> [SLOSpec] {
        let key: (String, String) -> String = { snake, camel in crd ? camel : snake }
        let service = try reader.string(reader.child(node, "service"), "service")
        let serviceLabels = try labels(reader.child(node, "labels"), reader: reader)
        var slos: [SLOSpec] = []
        for (index, item) in try reader.sequence(reader.child(node, "slos"), "slos").enumerated() {
            let path = "slos[\(index)]"
            let name = try reader.string(reader.child(item, "name"), "\(path).name")
            let objective = try reader.number(reader.child(item, "objective"), "\(path).objective")
            guard objective > 0, objective < 100 else {
                throw reader.failure(
                    "\(path).objective: found \(objective), expected a percentage between 0 and 100",
                    at: reader.child(item, "objective"))
            }
            let sliNode = try reader.required(item, "sli", path)
            let sli: SLISpec
            if let events = reader.child(sliNode, "events") {
                let errors = try reader.string(
                    reader.child(events, key("error_query", "errorQuery")),
                    "\(path).sli.events.\(key("error_query", "errorQuery"))")
                let total = try reader.string(
                    reader.child(events, key("total_query", "totalQuery")),
                    "\(path).sli.events.\(key("total_query", "totalQuery"))")
                let (converted, warning) = PromQLSLIExtractor.ratioSLI(errors: errors, good: nil, total: total)
                if let warning { reader.warn("\(path).sli.events: \(warning)", at: events) }
                sli = converted
            } else if let raw = reader.child(sliNode, "raw") {
                let query = try reader.string(
                    reader.child(raw, key("error_ratio_query", "errorRatioQuery")), "\(path).sli.raw")
                reader.warn("\(path).sli.raw: raw PromQL SLIs need the Prometheus metrics source", at: raw)
                sli = .raw(errorRatio: query)
            } else if reader.child(sliNode, "plugin") != nil {
                throw reader.failure(
                    "\(path).sli.plugin: Sloth SLI plugins are Go code and cannot be imported; "
                        + "rewrite the SLI as events or raw", at: reader.child(sliNode, "plugin"))
            } else {
                throw reader.failure("\(path).sli: expected events, raw or plugin", at: sliNode)
            }
            var alerting = SLOAlerting()
            if let alertingNode = reader.child(item, "alerting") {
                alerting.labels = try labels(reader.child(alertingNode, "labels"), reader: reader)
                alerting.page = try tier(
                    reader.child(alertingNode, key("page_alert", "pageAlert")), defaults: .page, reader: &reader,
                    path: "\(path).alerting")
                alerting.ticket = try tier(
                    reader.child(alertingNode, key("ticket_alert", "ticketAlert")), defaults: .ticket,
                    reader: &reader, path: "\(path).alerting")
                if reader.child(alertingNode, "annotations") != nil {
                    reader.warn(
                        "\(path).alerting.annotations: Steady writes its own alert annotations", at: alertingNode)
                }
            }
            let sloLabels = try labels(reader.child(item, "labels"), reader: reader)
            slos.append(
                SLOSpec(
                    name: SLOImporter.name(name), service: SLOImporter.name(service),
                    description: reader.optionalString(reader.child(item, "description")), objective: objective,
                    period: .rolling(.seconds(30 * 86_400)), sli: sli, alerting: alerting,
                    labels: Labels(serviceLabels.dictionary.merging(sloLabels.dictionary) { $1 })))
        }
        return slos
    }

    private static func tier(
        _ node: Node?, defaults: BurnRateTier, reader: inout YAMLNodeReader, path: String
    )
        throws(ConfigError) -> BurnRateTier?
    {
        guard let node else { return defaults }
        if reader.optionalString(reader.child(node, "disable")) == "true" { return nil }
        var tier = defaults
        let tierLabels = try labels(reader.child(node, "labels"), reader: reader)
        if let severity = tierLabels["severity"] { tier.severity = severity }
        let dropped = tierLabels.dictionary.keys.filter { $0 != "severity" }.sorted()
        if !dropped.isEmpty {
            reader.warn(
                "\(path): \(defaults.name) alert labels \(dropped.joined(separator: ", ")) are not kept per tier; "
                    + "route on the tier label instead", at: node)
        }
        return tier
    }

    static func labels(_ node: Node?, reader: YAMLNodeReader) throws(ConfigError) -> Labels {
        guard let node else { return Labels() }
        let mapping = try reader.mapping(node, "labels")
        var pairs: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, let text = value.scalar?.string else {
                throw reader.failure("labels: expected name: value pairs", at: key)
            }
            pairs[name] = text
        }
        return Labels(pairs)
    }
}
