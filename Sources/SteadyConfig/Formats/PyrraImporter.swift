import SteadyModel
import Yams

/// Pyrra `pyrra.dev/v1alpha1` ServiceLevelObjective. Pyrra has no service field: the service is the `service` or
/// `app.kubernetes.io/name` label, else the namespace, else `pyrra`.
enum PyrraImporter {
    static func slo(_ document: Node, reader: inout YAMLNodeReader) throws(ConfigError) -> SLOSpec {
        let metadata = try reader.required(document, "metadata", "ServiceLevelObjective")
        let name = try reader.string(reader.child(metadata, "name"), "metadata.name")
        let labels = try SlothImporter.labels(reader.child(metadata, "labels"), reader: reader)
        let service =
            labels["service"] ?? labels["app.kubernetes.io/name"]
            ?? reader.optionalString(reader.child(metadata, "namespace")) ?? "pyrra"
        let spec = try reader.required(document, "spec", "ServiceLevelObjective")
        let target = try reader.number(reader.child(spec, "target"), "spec.target")
        guard target > 0, target < 100 else {
            throw reader.failure(
                "spec.target: found \(target), expected a percentage between 0 and 100",
                at: reader.child(spec, "target"))
        }
        let windowNode = reader.child(spec, "window")
        var period: Duration = .seconds(28 * 86_400)
        if let text = reader.optionalString(windowNode) {
            guard let parsed = PrometheusDuration.parse(text), parsed > .zero else {
                throw reader.failure("spec.window: found \"\(text)\", expected a duration like 4w", at: windowNode)
            }
            period = parsed
        }
        let indicator = try reader.required(spec, "indicator", "spec")
        let sli: SLISpec
        if let ratio = reader.child(indicator, "ratio") {
            let errors = try selector(
                reader.child(reader.child(ratio, "errors") ?? ratio, "metric"), "spec.indicator.ratio.errors.metric",
                reader: reader)
            let total = try selector(
                reader.child(reader.child(ratio, "total") ?? ratio, "metric"), "spec.indicator.ratio.total.metric",
                reader: reader)
            if reader.child(ratio, "grouping") != nil {
                reader.warn(
                    "spec.indicator.ratio.grouping: Steady evaluates one SLO over all series; grouping is ignored",
                    at: ratio)
            }
            sli = .ratio(errors: errors, good: nil, total: total)
        } else if let latency = reader.child(indicator, "latency") {
            let successNode = reader.child(reader.child(latency, "success") ?? latency, "metric")
            let success = try selector(successNode, "spec.indicator.latency.success.metric", reader: reader)
            let total = try selector(
                reader.child(reader.child(latency, "total") ?? latency, "metric"),
                "spec.indicator.latency.total.metric", reader: reader)
            guard let converted = PromQLSLIExtractor.latencySLI(good: success, total: total) else {
                throw reader.failure(
                    "spec.indicator.latency: expected a _bucket selector with le=\"…\" over the family's _count",
                    at: latency)
            }
            sli = converted
        } else if reader.child(indicator, "bool_gauge") != nil || reader.child(indicator, "boolGauge") != nil {
            throw reader.failure(
                "spec.indicator.bool_gauge: gauge-based SLIs are not supported; use a ratio of counters", at: indicator)
        } else {
            throw reader.failure("spec.indicator: expected ratio or latency", at: indicator)
        }
        var alerting = SLOAlerting()
        if let alertingNode = reader.child(spec, "alerting"),
            reader.optionalString(reader.child(alertingNode, "disabled")) == "true"
        {
            alerting.page = nil
            alerting.ticket = nil
            alerting.noDataAfter = nil
            alerting.budgetExhausted = false
        }
        return SLOSpec(
            name: SLOImporter.name(name), service: SLOImporter.name(service),
            description: reader.optionalString(reader.child(spec, "description")), objective: target,
            period: .rolling(period), sli: sli, alerting: alerting,
            labels: labels.removing(["service", "app.kubernetes.io/name"]))
    }

    private static func selector(
        _ node: Node?, _ path: String, reader: YAMLNodeReader
    ) throws(ConfigError) -> SeriesSelector {
        let text = try reader.string(node, path)
        do {
            return try SeriesSelector(parsing: text)
        } catch {
            throw reader.failure("\(path): \(error)", at: node)
        }
    }
}
