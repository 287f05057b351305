public import SteadyModel

/// Writes SLOs as OpenSLO v1: one `Service` document per service and one `SLO` per SLO with an inline ratio
/// indicator. Queries use Sloth's `{{.window}}` placeholder for the rate window; burn-rate tiers have no OpenSLO
/// equivalent beyond alert policies and are left out (Steady re-applies its defaults on import).
///
/// ```swift
/// print(OpenSLOExporter.export(config.services.flatMap(\.slos)))
/// ```
public enum OpenSLOExporter {
    public static func export(_ slos: [SLOSpec]) -> String {
        var documents: [String] = []
        var services: [String] = []
        for slo in slos where !services.contains(slo.service) { services.append(slo.service) }
        for service in services {
            documents.append(
                "apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: \(SteadySLOWriter.quote(dnsName(service)))\nspec:\n  description: \"\"\n"
            )
        }
        for slo in slos {
            guard let indicator = indicator(slo) else { continue }
            var doc = "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n"
            doc += "  name: \(SteadySLOWriter.quote(dnsName("\(slo.service)-\(slo.name)")))\n"
            doc += "  displayName: \(SteadySLOWriter.quote(slo.name))\n"
            if !slo.labels.isEmpty {
                doc +=
                    "  labels:\n"
                    + slo.labels.map { "    \(SteadySLOWriter.quote($0.name)): \(SteadySLOWriter.quote($0.value))\n" }
                    .joined()
            }
            doc += "spec:\n"
            if let description = slo.description { doc += "  description: \(SteadySLOWriter.quote(description))\n" }
            doc += "  service: \(SteadySLOWriter.quote(dnsName(slo.service)))\n"
            doc +=
                "  indicator:\n    metadata:\n      name: \(SteadySLOWriter.quote(dnsName("\(slo.service)-\(slo.name)-sli")))\n"
            doc += "    spec:\n      ratioMetric:\n        counter: true\n" + indicator
            switch slo.period {
            case .rolling(let duration):
                doc += "  timeWindow:\n    - duration: \(PrometheusDuration.format(duration))\n      isRolling: true\n"
            case .calendar(let unit, let zone):
                let duration = ["week": "1w", "month": "1M", "quarter": "1Q"][unit.rawValue] ?? "1M"
                doc += "  timeWindow:\n    - duration: \(duration)\n      isRolling: false\n"
                doc +=
                    "      calendar:\n        startTime: \"2024-01-01 00:00:00\"\n        timeZone: \(SteadySLOWriter.quote(zone))\n"
            }
            switch slo.budgeting {
            case .occurrences:
                doc +=
                    "  budgetingMethod: Occurrences\n  objectives:\n    - targetPercent: \(SteadySLOWriter.number(slo.objective))\n"
            case .timeslices(let slice, let target):
                doc +=
                    "  budgetingMethod: Timeslices\n  objectives:\n    - targetPercent: \(SteadySLOWriter.number(slo.objective))\n"
                doc +=
                    "      timeSliceTarget: \(SteadySLOWriter.number(target))\n      timeSliceWindow: \(PrometheusDuration.format(slice))\n"
            case .ratioTimeslices(let slice):
                doc +=
                    "  budgetingMethod: RatioTimeslices\n  objectives:\n    - targetPercent: \(SteadySLOWriter.number(slo.objective))\n"
                doc += "      timeSliceWindow: \(PrometheusDuration.format(slice))\n"
            }
            documents.append(doc)
        }
        return documents.joined(separator: "---\n")
    }

    private static func indicator(_ slo: SLOSpec) -> String? {
        func source(_ role: String, _ query: String) -> String {
            "        \(role):\n          metricSource:\n            type: Prometheus\n            spec:\n"
                + "              query: \(SteadySLOWriter.quote(query))\n"
        }
        func rate(_ selector: SeriesSelector) -> String { "sum(rate(\(selector)[{{.window}}]))" }
        switch slo.sli {
        case .ratio(let errors, let good, let total):
            if let errors { return source("bad", rate(errors)) + source("total", rate(total)) }
            if let good { return source("good", rate(good)) + source("total", rate(total)) }
            return nil
        case .latency(let histogram, let threshold):
            let family = histogram.metricName ?? ""
            let good = SeriesSelector(
                metricName: family + "_bucket",
                matchers: histogram.matchers + [
                    try! LabelMatcher(name: "le", op: .equal, value: SteadySLOWriter.number(threshold))
                ])
            return source("good", rate(good)) + source("total", rate(histogram.withMetricName(family + "_count")))
        case .availability, .raw:
            return nil
        }
    }

    private static func dnsName(_ text: String) -> String {
        let lowered = text.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" }
        var name = String(lowered)
        while name.hasPrefix("-") || name.hasPrefix(".") { name.removeFirst() }
        while name.hasSuffix("-") || name.hasSuffix(".") { name.removeLast() }
        return name.isEmpty ? "slo" : name
    }
}
