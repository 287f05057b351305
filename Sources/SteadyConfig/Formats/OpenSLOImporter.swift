import SteadyModel
import Yams

/// OpenSLO v1: `SLO` documents with an inline `indicator` or an `indicatorRef` to an `SLI` document, validated as
/// OpenSLO's go-sdk does (names are DNS-1123 subdomains, exactly one of target/targetPercent, budgeting methods and
/// their slice fields, one time window…). `Service`, `DataSource`, `AlertPolicy`, `AlertCondition` and
/// `AlertNotificationTarget` documents are accepted; Steady's burn-rate tiers replace the alert policies.
enum OpenSLOImporter {
    static let kinds: Set<String> = [
        "SLO", "SLI", "Service", "DataSource", "AlertPolicy", "AlertCondition", "AlertNotificationTarget",
    ]

    static func slos(_ documents: [Node], reader: inout YAMLNodeReader) throws(ConfigError) -> [SLOSpec] {
        var slis: [String: Node] = [:]
        var sloDocuments: [Node] = []
        for document in documents {
            let kind = try reader.string(reader.child(document, "kind"), "kind")
            guard kinds.contains(kind) else {
                throw reader.failure(
                    "kind: found \"\(kind)\", expected one of \(kinds.sorted().joined(separator: ", "))",
                    at: reader.child(document, "kind"))
            }
            let metadata = try reader.required(document, "metadata", kind)
            let name = try reader.string(reader.child(metadata, "name"), "\(kind) metadata.name")
            try validateName(name, at: reader.child(metadata, "name"), reader: reader)
            switch kind {
            case "SLI": slis[name] = try reader.required(document, "spec", "SLI \(name)")
            case "SLO": sloDocuments.append(document)
            default: break
            }
        }
        var result: [SLOSpec] = []
        for document in sloDocuments { result += try slo(document, slis: slis, reader: &reader) }
        return result
    }

    private static func slo(
        _ document: Node, slis: [String: Node], reader: inout YAMLNodeReader
    )
        throws(ConfigError) -> [SLOSpec]
    {
        let metadata = try reader.required(document, "metadata", "SLO")
        let name = try reader.string(reader.child(metadata, "name"), "SLO metadata.name")
        let path = "SLO \(name)"
        let spec = try reader.required(document, "spec", path)
        let service = try reader.string(reader.child(spec, "service"), "\(path): spec.service")

        // Indicator: exactly one of indicator / indicatorRef.
        let inline = reader.child(spec, "indicator")
        let reference = reader.optionalString(reader.child(spec, "indicatorRef"))
        guard (inline == nil) != (reference == nil) else {
            throw reader.failure("\(path): exactly one of spec.indicator and spec.indicatorRef is required", at: spec)
        }
        let indicatorSpec: Node
        if let inline {
            indicatorSpec = try reader.required(inline, "spec", "\(path): spec.indicator")
        } else if let reference, let found = slis[reference] {
            indicatorSpec = found
        } else {
            throw reader.failure(
                "\(path): spec.indicatorRef \"\(reference ?? "")\" names no SLI document in this file",
                at: reader.child(spec, "indicatorRef"))
        }
        let sli = try self.sli(indicatorSpec, path: path, reader: &reader)

        // Time window: exactly one.
        let windows = try reader.sequence(reader.child(spec, "timeWindow"), "\(path): spec.timeWindow")
        guard windows.count == 1, let window = windows.first else {
            throw reader.failure(
                "\(path): spec.timeWindow must hold exactly one window", at: reader.child(spec, "timeWindow") ?? spec)
        }
        let period = try self.period(window, path: path, reader: &reader)

        // Budgeting method.
        let methodNode = reader.child(spec, "budgetingMethod")
        let method = try reader.string(methodNode, "\(path): spec.budgetingMethod")
        guard ["Occurrences", "Timeslices", "RatioTimeslices"].contains(method) else {
            throw reader.failure(
                "\(path): spec.budgetingMethod: found \"\(method)\", expected Occurrences, Timeslices or RatioTimeslices",
                at: methodNode)
        }

        let objectives = try reader.sequence(reader.child(spec, "objectives"), "\(path): spec.objectives")
        guard !objectives.isEmpty else {
            throw reader.failure("\(path): spec.objectives needs at least one objective", at: spec)
        }
        var result: [SLOSpec] = []
        for (index, objective) in objectives.enumerated() {
            let objectivePath = "\(path): spec.objectives[\(index)]"
            let target = reader.child(objective, "target")
            let targetPercent = reader.child(objective, "targetPercent")
            guard (target == nil) != (targetPercent == nil) else {
                throw reader.failure(
                    "\(objectivePath): exactly one of target and targetPercent is required", at: objective)
            }
            var percent: Double
            if let target {
                let value = try reader.number(target, "\(objectivePath).target")
                guard value > 0, value < 1 else {
                    let hint = value > 1 && value < 100 ? " (did you mean targetPercent: \(value)?)" : ""
                    throw reader.failure(
                        "\(objectivePath).target: found \(value), expected a ratio between 0 and 1\(hint)", at: target)
                }
                percent = value * 100
            } else {
                percent = try reader.number(targetPercent, "\(objectivePath).targetPercent")
                guard percent > 0, percent < 100 else {
                    throw reader.failure(
                        "\(objectivePath).targetPercent: found \(percent), expected a percentage between 0 and 100",
                        at: targetPercent)
                }
                if percent < 1 {
                    reader.warn(
                        "\(objectivePath).targetPercent: \(percent) means \(percent)%; did you mean target: \(percent)?",
                        at: targetPercent)
                }
            }
            percent = (percent * 1e9).rounded() / 1e9
            let budgeting: BudgetingMethod
            switch method {
            case "Timeslices":
                let sliceTarget = try reader.number(
                    try reader.required(objective, "timeSliceTarget", "\(objectivePath) (Timeslices budgeting)"),
                    "\(objectivePath).timeSliceTarget")
                guard sliceTarget > 0, sliceTarget <= 1 else {
                    throw reader.failure(
                        "\(objectivePath).timeSliceTarget: expected a ratio in (0, 1]",
                        at: reader.child(objective, "timeSliceTarget"))
                }
                budgeting = .timeslices(
                    slice: try sliceWindow(objective, objectivePath, method, reader: reader), sliceTarget: sliceTarget)
            case "RatioTimeslices":
                budgeting = .ratioTimeslices(slice: try sliceWindow(objective, objectivePath, method, reader: reader))
            default:
                if reader.child(objective, "timeSliceTarget") != nil
                    || reader.child(objective, "timeSliceWindow") != nil
                {
                    reader.warn(
                        "\(objectivePath): timeSlice fields are ignored with Occurrences budgeting", at: objective)
                }
                budgeting = .occurrences
            }
            let suffix =
                objectives.count == 1
                ? ""
                : "-"
                    + (reader.optionalString(reader.child(objective, "name"))
                        ?? reader.optionalString(reader.child(objective, "displayName")) ?? "\(index + 1)")
            // "checkout-availability" of service "checkout" is the SLO "availability" (OpenSLO names are global).
            let local =
                name.hasPrefix(service + "-") && name.count > service.count + 1
                ? String(name.dropFirst(service.count + 1)) : name
            result.append(
                SLOSpec(
                    name: SLOImporter.name(local + suffix), service: SLOImporter.name(service),
                    description: reader.optionalString(reader.child(spec, "description")), objective: percent,
                    period: period, budgeting: budgeting, sli: sli))
        }
        if reader.child(spec, "alertPolicies") != nil {
            reader.warn(
                "\(path): spec.alertPolicies are replaced by Steady's multi-window burn-rate tiers (page and ticket)",
                at: reader.child(spec, "alertPolicies"))
        }
        return result
    }

    private static func sliceWindow(
        _ objective: Node, _ path: String, _ method: String, reader: YAMLNodeReader
    )
        throws(ConfigError) -> Duration
    {
        let node = reader.child(objective, "timeSliceWindow")
        let text = try reader.string(
            try reader.required(objective, "timeSliceWindow", "\(path) (\(method) budgeting)"),
            "\(path).timeSliceWindow")
        guard let duration = PrometheusDuration.parse(text), duration >= .seconds(60),
            duration.nanoseconds % 60_000_000_000 == 0
        else {
            throw reader.failure(
                "\(path).timeSliceWindow: found \"\(text)\", expected whole minutes like 1m or 5m", at: node)
        }
        return duration
    }

    private static func period(
        _ window: Node, path: String, reader: inout YAMLNodeReader
    ) throws(ConfigError) -> SLOPeriod {
        let durationNode = reader.child(window, "duration")
        let text = try reader.string(durationNode, "\(path): spec.timeWindow[0].duration")
        let rolling = reader.optionalString(reader.child(window, "isRolling")) ?? "false"
        if rolling == "true" {
            guard let duration = PrometheusDuration.parse(text), duration > .zero else {
                throw reader.failure(
                    "\(path): spec.timeWindow[0].duration: found \"\(text)\", a rolling window needs a fixed length "
                        + "(m, h, d or w)", at: durationNode)
            }
            return .rolling(duration)
        }
        let unit: SLOPeriod.CalendarUnit
        switch text {
        case "1w", "7d": unit = .week
        case "1M": unit = .month
        case "1Q", "3M": unit = .quarter
        default:
            throw reader.failure(
                "\(path): spec.timeWindow[0].duration: found \"\(text)\", calendar windows Steady supports are 1w, 1M "
                    + "and 1Q", at: durationNode)
        }
        var zone = "UTC"
        if let calendar = reader.child(window, "calendar") {
            if let timeZone = reader.optionalString(reader.child(calendar, "timeZone")) {
                guard ConfigReader.isTimeZone(timeZone) else {
                    throw reader.failure(
                        "\(path): calendar.timeZone: \"\(timeZone)\" is not an IANA time zone", at: calendar)
                }
                zone = timeZone
            } else {
                reader.warn("\(path): calendar without timeZone; UTC assumed", at: calendar)
            }
            if reader.child(calendar, "startTime") != nil {
                reader.warn(
                    "\(path): calendar.startTime is read as the unit's natural boundary (Monday, the 1st)", at: calendar
                )
            }
        } else {
            reader.warn("\(path): a calendar window without calendar: {timeZone}; UTC assumed", at: window)
        }
        return .calendar(unit, timeZone: zone)
    }

    private static func sli(_ spec: Node, path: String, reader: inout YAMLNodeReader) throws(ConfigError) -> SLISpec {
        if reader.child(spec, "thresholdMetric") != nil {
            throw reader.failure(
                "\(path): thresholdMetric SLIs compare a gauge with a threshold; Steady needs a ratioMetric of counters",
                at: reader.child(spec, "thresholdMetric"))
        }
        guard let ratio = reader.child(spec, "ratioMetric") else {
            throw reader.failure(
                "\(path): the indicator needs exactly one of ratioMetric and thresholdMetric", at: spec)
        }
        let good = reader.child(ratio, "good")
        let bad = reader.child(ratio, "bad")
        guard (good == nil) != (bad == nil) else {
            throw reader.failure("\(path): ratioMetric needs exactly one of good and bad (and total)", at: ratio)
        }
        if reader.optionalString(reader.child(ratio, "counter")) == "false" {
            reader.warn("\(path): ratioMetric.counter is false; Steady reads the queries as counters", at: ratio)
        }
        let total = try query(reader.child(ratio, "total"), "\(path): ratioMetric.total", reader: reader)
        let (sli, warning) = PromQLSLIExtractor.ratioSLI(
            errors: try bad.map { (node) throws(ConfigError) in
                try query(node, "\(path): ratioMetric.bad", reader: reader)
            },
            good: try good.map { (node) throws(ConfigError) in
                try query(node, "\(path): ratioMetric.good", reader: reader)
            },
            total: total)
        if let warning { reader.warn("\(path): \(warning)", at: ratio) }
        return sli
    }

    private static func query(_ node: Node?, _ path: String, reader: YAMLNodeReader) throws(ConfigError) -> String {
        guard let node else { throw reader.failure("\(path): required", at: nil) }
        let source = try reader.required(node, "metricSource", path)
        if let type = reader.optionalString(reader.child(source, "type")), type.lowercased() != "prometheus" {
            throw reader.failure(
                "\(path).metricSource.type: found \"\(type)\", Steady reads Prometheus queries", at: source)
        }
        let spec = try reader.required(source, "spec", "\(path).metricSource")
        return try reader.string(
            reader.child(spec, "query") ?? reader.child(spec, "promql"), "\(path).metricSource.spec.query")
    }

    /// go-sdk: names are RFC 1123 subdomains (lowercase alphanumerics, '-' and '.', at most 253, alphanumeric ends).
    private static func validateName(_ name: String, at node: Node?, reader: YAMLNodeReader) throws(ConfigError) {
        let allowed = name.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E
        }
        let ends = { (byte: UInt8?) in byte.map { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) } ?? false }
        guard allowed, name.utf8.count <= 253, ends(name.utf8.first), ends(name.utf8.last) else {
            throw reader.failure(
                "metadata.name: \"\(name)\" must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit)", at: node)
        }
    }
}
