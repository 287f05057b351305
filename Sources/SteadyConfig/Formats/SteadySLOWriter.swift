public import SteadyModel

/// Writes SLOs as the `services:` section of steady.yml (what `steady slo import` prints); the config loader reads
/// it back to the same SLOs.
///
/// ```swift
/// print(SteadySLOWriter.servicesYAML(imported.slos))
/// ```
public enum SteadySLOWriter {
    public static func servicesYAML(_ slos: [SLOSpec], comments: [String] = []) -> String {
        var out = comments.map { "# \($0)\n" }.joined()
        out += "services:\n"
        var order: [String] = []
        var byService: [String: [SLOSpec]] = [:]
        for slo in slos {
            if byService[slo.service] == nil { order.append(slo.service) }
            byService[slo.service, default: []].append(slo)
        }
        for service in order {
            out += "  - name: \(quote(service))\n    slos:\n"
            for slo in byService[service] ?? [] { out += sloYAML(slo) }
        }
        return out
    }

    static func sloYAML(_ slo: SLOSpec) -> String {
        var out = "      - name: \(quote(slo.name))\n"
        if let description = slo.description { out += "        description: \(quote(description))\n" }
        out += "        objective: \(number(slo.objective))\n"
        switch slo.period {
        case .rolling(let duration): out += "        period: \(PrometheusDuration.format(duration))\n"
        case .calendar(let unit, let zone):
            out += "        calendar: { unit: \(unit.rawValue), timezone: \(quote(zone)) }\n"
        }
        switch slo.budgeting {
        case .occurrences: break
        case .timeslices(let slice, let target):
            out +=
                "        budgeting: { timeslices: { slice: \(PrometheusDuration.format(slice)), target: \(number(target)) } }\n"
        case .ratioTimeslices(let slice):
            out += "        budgeting: { ratio_timeslices: { slice: \(PrometheusDuration.format(slice)) } }\n"
        }
        out += "        sli:\n"
        switch slo.sli {
        case .ratio(let errors, let good, let total):
            out += "          ratio:\n"
            if let errors { out += "            errors: \(quote(errors.description))\n" }
            if let good { out += "            good: \(quote(good.description))\n" }
            out += "            total: \(quote(total.description))\n"
        case .latency(let histogram, let threshold):
            out += "          latency:\n            histogram: \(quote(histogram.description))\n"
            out += "            threshold: \(number(threshold))\n"
        case .availability(let probe):
            out += "          availability: { probe: \(quote(probe)) }\n"
        case .raw(let query):
            out += "          raw: { error_ratio_query: \(quote(query)) }\n"
        }
        let alerting = slo.alerting
        if alerting != SLOAlerting() {
            out += "        alerting:\n"
            out += "          page: \(tier(alerting.page, default: .page))\n"
            out += "          ticket: \(tier(alerting.ticket, default: .ticket))\n"
            if alerting.minimumEvents > 0 { out += "          min_events: \(alerting.minimumEvents)\n" }
            out += "          no_data: \(alerting.noDataAfter.map { PrometheusDuration.format($0) } ?? "false")\n"
            out += "          budget_exhausted: \(alerting.budgetExhausted)\n"
            if !alerting.labels.isEmpty { out += "          labels: \(labels(alerting.labels))\n" }
        }
        if let freeze = slo.freezeDeploysBelow {
            out += "        policy: { freeze_deploys_below: \(number(freeze)) }\n"
        }
        if !slo.labels.isEmpty { out += "        labels: \(labels(slo.labels))\n" }
        return out
    }

    private static func tier(_ tier: BurnRateTier?, default defaults: BurnRateTier) -> String {
        guard let tier else { return "false" }
        if tier == defaults { return "true" }
        let windows = tier.windows.map {
            "{ long: \(PrometheusDuration.format($0.long)), short: \(PrometheusDuration.format($0.short)), "
                + "budget: \(number($0.budgetConsumed)) }"
        }
        return "{ severity: \(quote(tier.severity)), windows: [\(windows.joined(separator: ", "))] }"
    }

    private static func labels(_ labels: Labels) -> String {
        "{ " + labels.map { "\(quote($0.name)): \(quote($0.value))" }.joined(separator: ", ") + " }"
    }

    static func number(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A double-quoted YAML scalar.
    static func quote(_ text: String) -> String { YAMLScalar.quoted(text) }
}
