import Foundation
import SteadyModel
import Yams

extension ConfigReader {
    static let sloKeys = [
        "name", "description", "objective", "period", "calendar", "budgeting", "sli", "alerting", "policy", "labels",
    ]
    static let defaultPeriod: Duration = .seconds(30 * 86_400)

    mutating func slos(
        _ field: Field, service: String, retention: Duration, scrapeInterval: Duration? = nil
    ) -> [SLOSpec] {
        guard let elements = sequence(field, expected: "a list of SLOs ({ name, objective, sli })") else { return [] }
        var slos: [SLOSpec] = []
        var names: [String: SourcePosition] = [:]
        for (path, node) in elements {
            guard let view = mapping(node, path: path, keys: Self.sloKeys) else { continue }
            let named = name(view)
            if let named, let first = names[named.name] {
                error(
                    "\(named.field.path): duplicate SLO name '\(named.name)' in service '\(service)' "
                        + "(first defined at \(first))",
                    at: position(of: named.field.value))
            } else if let named {
                names[named.name] = position(of: named.field.value)
            }
            let (period, periodField) = sloPeriod(view)
            let objective = sloObjective(view, period: period)
            let budgeting = view["budgeting"].flatMap { budgetingMethod($0, period: period) } ?? .occurrences
            let sli = required(view, "sli", expected: "a mapping with one of ratio, latency, availability or raw")
                .flatMap { sliSpec($0) }
            var alerting = SLOAlerting()
            if let field = view["alerting"] { alerting = sloAlerting(field, period: period) }
            var freeze: Double?
            if let field = view["policy"],
                let policy = mapping(field.value, path: field.path, keys: ["freeze_deploys_below"]),
                let below = policy["freeze_deploys_below"]
            {
                freeze = fraction(below)
            }
            let labels = view["labels"].flatMap { self.labels($0) } ?? Labels()
            if let periodField, let length = Self.longestLength(of: period), length > retention {
                warning(
                    "\(periodField.path): the \(period) period is longer than storage.retention "
                        + "(\(PrometheusDuration.format(retention))); the budget only covers the data kept",
                    at: position(of: periodField.value))
            }
            if let objective, let field = view["alerting"] {
                neverFiring(alerting, objective: objective, period: period, at: field)
            }
            if let scrapeInterval {
                shortWindows(
                    alerting, scrapeInterval: scrapeInterval,
                    at: view["alerting"].map { position(of: $0.value) } ?? view.position)
            }
            guard let named, let objective, let sli else { continue }
            slos.append(
                SLOSpec(
                    name: named.name, service: service, description: view["description"].flatMap { string($0) },
                    objective: objective, period: period, budgeting: budgeting, sli: sli, alerting: alerting,
                    freezeDeploysBelow: freeze, labels: labels))
        }
        return slos
    }

    /// The objective in percent, strictly between 0 and 100 (`99.9` or `99.9%`).
    private mutating func sloObjective(_ view: MappingView, period: SLOPeriod) -> Double? {
        let expected = "a percentage strictly between 0 and 100, like 99.9"
        guard let field = required(view, "objective", expected: expected),
            let value = text(field, expected: expected)
        else { return nil }
        let number = Self.decimal(value.hasSuffix("%") ? String(value.dropLast()).trimmingSpaces() : value)
        guard let number, number > 0, number < 100 else {
            mismatch(field, text: value, expected: expected)
            return nil
        }
        if number >= 99.999 {
            let budget = Self.shortestLength(of: period).seconds * (1 - number / 100)
            warning(
                "\(field.path): an objective of \(value) leaves an error budget of about "
                    + "\(Self.formatSeconds(budget)) per \(period); that is hard to measure, let alone meet",
                at: position(of: field.value))
        } else if number <= 1 {
            warning(
                "\(field.path): the objective is a percentage; \(value) means \(value)%, did you mean "
                    + "\(Self.formatPercent(number * 100))?",
                at: position(of: field.value))
        }
        return number
    }

    /// `period: 30d` or `calendar: { unit, timezone }` (not both); rolling 30 days by default.
    private mutating func sloPeriod(_ view: MappingView) -> (SLOPeriod, Field?) {
        if view["period"] != nil, let calendar = view["calendar"] {
            error(
                "\(Self.label(view.path)): choose a rolling period or a calendar, not both",
                at: position(of: calendar.keyNode))
        }
        var calendarPeriod: (SLOPeriod, Field)?
        if let field = view["calendar"],
            let calendar = mapping(field.value, path: field.path, keys: ["unit", "timezone"])
        {
            let unit =
                required(calendar, "unit", expected: Self.oneOf(SLOPeriod.CalendarUnit.allCases.map(\.rawValue)))
                .flatMap { choice($0, SLOPeriod.CalendarUnit.self) } ?? .month
            var zone = "UTC"
            let zoneExpectation = "an IANA time zone like Europe/Paris or UTC"
            if let timezone = calendar["timezone"], let value = text(timezone, expected: zoneExpectation) {
                if Self.isTimeZone(value) {
                    zone = value
                } else {
                    mismatch(timezone, text: value, expected: zoneExpectation)
                }
            }
            calendarPeriod = (.calendar(unit, timeZone: zone), field)
        }
        if let field = view["period"] {
            return (duration(field).map { .rolling($0) } ?? .rolling(Self.defaultPeriod), field)
        }
        return calendarPeriod ?? (.rolling(Self.defaultPeriod), nil)
    }

    static func isTimeZone(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, identifier.utf8.count <= 64,
            identifier.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return false }
        return TimeZone(identifier: identifier) != nil
    }

    /// `occurrences`, `{ timeslices: { slice, target } }` or `{ ratio_timeslices: { slice } }`.
    private mutating func budgetingMethod(_ field: Field, period: SLOPeriod) -> BudgetingMethod? {
        let expected =
            "occurrences, { timeslices: { slice: 1m, target: 0.95 } } or { ratio_timeslices: { slice: 1m } }"
        if case .scalar = field.value {
            guard let value = text(field, expected: expected) else { return nil }
            guard value == "occurrences" else {
                mismatch(field, text: value, expected: expected)
                return nil
            }
            return .occurrences
        }
        guard
            let view = mapping(field.value, path: field.path, keys: ["occurrences", "timeslices", "ratio_timeslices"])
        else { return nil }
        guard
            let method = exactlyOne(
                of: ["occurrences", "timeslices", "ratio_timeslices"], in: view, expected: expected)
        else { return nil }
        switch method.key {
        case "timeslices":
            guard let slices = mapping(method.value, path: method.path, keys: ["slice", "target"]) else { return nil }
            let slice = required(slices, "slice", expected: Self.durationExpectation).flatMap {
                self.slice($0, period: period)
            }
            let target = required(slices, "target", expected: "a fraction like 0.95 or a percentage like 95%").flatMap {
                fraction($0, allowZero: false)
            }
            guard let slice, let target else { return nil }
            return .timeslices(slice: slice, sliceTarget: target)
        case "ratio_timeslices":
            guard let slices = mapping(method.value, path: method.path, keys: ["slice"]) else { return nil }
            guard
                let slice = required(slices, "slice", expected: Self.durationExpectation).flatMap({
                    self.slice($0, period: period)
                })
            else { return nil }
            return .ratioTimeslices(slice: slice)
        default:
            return .occurrences
        }
    }

    private mutating func slice(_ field: Field, period: SLOPeriod) -> Duration? {
        guard let slice = duration(field) else { return nil }
        let length = Self.shortestLength(of: period)
        guard slice < length else {
            error(
                "\(field.path): found \(Self.quoted(PrometheusDuration.format(slice))), expected a slice shorter than "
                    + "the \(period) period",
                at: position(of: field.value))
            return nil
        }
        return slice
    }

    /// Exactly one of `keys` must be present in `view`.
    mutating func exactlyOne(of keys: [String], in view: MappingView, expected: String) -> Field? {
        let present = keys.compactMap { view[$0] ?? view.nullFields[$0] }
            .sorted { position(of: $0.keyNode) < position(of: $1.keyNode) }
        guard let first = present.first else {
            error("\(Self.label(view.path)): expected \(expected)", at: view.position)
            return nil
        }
        for extra in present.dropFirst() {
            error(
                "\(Self.label(view.path)): found both '\(first.key)' and '\(extra.key)', expected only one of "
                    + keys.joined(separator: ", "),
                at: position(of: extra.keyNode))
        }
        return present.count == 1 ? first : nil
    }

    // MARK: - SLIs

    private mutating func sliSpec(_ field: Field) -> SLISpec? {
        let kinds = ["ratio", "latency", "availability", "raw"]
        guard let view = mapping(field.value, path: field.path, keys: kinds),
            let kind = exactlyOne(of: kinds, in: view, expected: "one of ratio, latency, availability or raw")
        else { return nil }
        switch kind.key {
        case "ratio":
            guard let ratio = mapping(kind.value, path: kind.path, keys: ["errors", "good", "total"]) else {
                return nil
            }
            let numerator = exactlyOne(of: ["errors", "good"], in: ratio, expected: "errors or good (and total)")
            let selected = numerator.flatMap { selector($0) }
            let total = required(ratio, "total", expected: "a series selector counting all events")
                .flatMap { selector($0) }
            guard let numerator, let selected, let total else { return nil }
            return numerator.key == "errors"
                ? .ratio(errors: selected, good: nil, total: total) : .ratio(errors: nil, good: selected, total: total)
        case "latency":
            guard let latency = mapping(kind.value, path: kind.path, keys: ["histogram", "threshold"]) else {
                return nil
            }
            let histogram = required(latency, "histogram", expected: "a histogram family selector")
                .flatMap { histogramSelector($0) }
            let threshold = required(latency, "threshold", expected: "a duration like 300ms or seconds like 0.3")
                .flatMap { thresholdSeconds($0) }
            guard let histogram, let threshold else { return nil }
            return .latency(histogram: histogram, thresholdSeconds: threshold)
        case "availability":
            guard let availability = mapping(kind.value, path: kind.path, keys: ["probe"]),
                let probe = required(availability, "probe", expected: "the name of a probe"),
                let name = nonEmptyString(probe, expected: "the name of a probe")
            else { return nil }
            availabilityProbeReferences.append((name, probe.path, position(of: probe.value)))
            return .availability(probe: name)
        default:
            guard let raw = mapping(kind.value, path: kind.path, keys: ["error_ratio_query"]),
                let query = required(raw, "error_ratio_query", expected: "a PromQL expression of the error ratio"),
                let text = nonEmptyString(query, expected: "a PromQL expression of the error ratio")
            else { return nil }
            return .raw(errorRatio: text)
        }
    }

    /// `300ms` (a duration) or `0.3` (seconds), greater than 0.
    private mutating func thresholdSeconds(_ field: Field) -> Double? {
        let expected = "a duration like 300ms or a number of seconds like 0.3"
        guard let value = text(field, expected: expected) else { return nil }
        if let seconds = Self.decimal(value) {
            guard seconds > 0 else {
                mismatch(field, text: value, expected: expected + ", greater than 0")
                return nil
            }
            if seconds >= 10 {
                warning(
                    "\(field.path): \(value) is read as \(value) seconds; write \(value)ms for milliseconds",
                    at: position(of: field.value))
            }
            return seconds
        }
        guard let duration = PrometheusDuration.parse(value), duration > .zero else {
            mismatch(field, text: value, expected: expected)
            return nil
        }
        return duration.seconds
    }

    private mutating func sloAlerting(_ field: Field, period: SLOPeriod) -> SLOAlerting {
        var alerting = SLOAlerting()
        let keys = ["page", "ticket", "min_events", "no_data", "budget_exhausted", "labels"]
        guard let view = mapping(field.value, path: field.path, keys: keys) else { return alerting }
        if let page = view["page"] ?? view.nullFields["page"] {
            alerting.page = burnRateTier(page, defaults: .page, period: period)
        }
        if let ticket = view["ticket"] ?? view.nullFields["ticket"] {
            alerting.ticket = burnRateTier(ticket, defaults: .ticket, period: period)
        }
        if let events = view["min_events"], let value = integer(events, in: 0...1_000_000_000) {
            alerting.minimumEvents = value
        }
        if let noData = view["no_data"] {
            if case .scalar(let scalar) = noData.value, ["false", "off", "no"].contains(scalar.string.lowercased()) {
                alerting.noDataAfter = nil
            } else if let after = duration(noData) {
                alerting.noDataAfter = after
            }
        }
        if let exhausted = view["budget_exhausted"], let value = bool(exhausted) { alerting.budgetExhausted = value }
        if let labels = view["labels"], let value = self.labels(labels) { alerting.labels = value }
        return alerting
    }

    /// Warns about short windows that hold fewer than two scrapes: they are empty or a single sample most of the time.
    private mutating func shortWindows(_ alerting: SLOAlerting, scrapeInterval: Duration, at place: SourcePosition) {
        var reported = Set<Duration>()
        for tier in alerting.tiers {
            for window in tier.windows where window.short < scrapeInterval * 2 && reported.insert(window.short).inserted
            {
                warning(
                    "the \(tier.name) tier's \(PrometheusDuration.format(window.short)) short window holds fewer than "
                        + "two scrapes at the \(PrometheusDuration.format(scrapeInterval)) scrape interval, so it is "
                        + "often empty; lengthen the window or scrape more often",
                    at: place)
            }
        }
    }

    /// Warns about window pairs whose error-ratio threshold exceeds 100 %: they can never fire.
    private mutating func neverFiring(_ alerting: SLOAlerting, objective: Double, period: SLOPeriod, at field: Field) {
        let budgetFraction = 1 - objective / 100
        for tier in alerting.tiers {
            for window in tier.windows {
                let ratio = window.errorRatioThreshold(
                    periodLength: period.nominalLength, budgetFraction: budgetFraction)
                guard ratio > 1 else { continue }
                warning(
                    "\(field.path).\(tier.name): the \(PrometheusDuration.format(window.long))/"
                        + "\(PrometheusDuration.format(window.short)) pair needs an error ratio of "
                        + "\(Self.formatPercent(ratio * 100))% with an objective of \(Self.formatPercent(objective))% "
                        + "over \(period), so it can never fire; lower the budget share or shorten the period",
                    at: position(of: field.value))
            }
        }
    }

    /// `true`/`false`, or `{ severity, windows: [{ long, short, budget }] }` (missing keys keep the defaults).
    private mutating func burnRateTier(_ field: Field, defaults: BurnRateTier, period: SLOPeriod) -> BurnRateTier? {
        let expected = "true, false or { severity: critical, windows: [{ long: 1h, short: 5m, budget: 2% }] }"
        if case .scalar = field.value {
            guard let enabled = bool(field) else { return defaults }
            return enabled ? defaults : nil
        }
        guard let view = mapping(field.value, path: field.path, keys: ["severity", "windows"]) else { return defaults }
        var tier = defaults
        if let severity = view["severity"], let value = nonEmptyString(severity) { tier.severity = value }
        guard let windowsField = view["windows"] else { return tier }
        guard let elements = sequence(windowsField, expected: expected) else { return tier }
        var windows: [BurnRateWindow] = []
        for (path, node) in elements {
            guard let window = mapping(node, path: path, keys: ["long", "short", "budget"]) else { continue }
            let long = required(window, "long", expected: Self.durationExpectation).flatMap { duration($0) }
            let short = required(window, "short", expected: Self.durationExpectation).flatMap { duration($0) }
            let budget = required(window, "budget", expected: "a share of the period's budget like 2% or 0.02")
                .flatMap { fraction($0, allowZero: false) }
            guard let long, let short, let budget else { continue }
            if short >= long, let shortField = window["short"] {
                error(
                    "\(shortField.path): found \(Self.quoted(PrometheusDuration.format(short))), expected a short "
                        + "window shorter than the long window (\(PrometheusDuration.format(long)))",
                    at: position(of: shortField.value))
                continue
            }
            if long.nanoseconds % 60_000_000_000 != 0 || short.nanoseconds % 60_000_000_000 != 0 {
                let bad = long.nanoseconds % 60_000_000_000 != 0 ? window["long"] : window["short"]
                if let bad {
                    error(
                        "\(bad.path): windows are made of whole minutes; found "
                            + "\(Self.quoted(bad.value.scalar?.string ?? "")), expected a multiple of 1m",
                        at: position(of: bad.value))
                }
                continue
            }
            if long > period.maximumLength, let longField = window["long"] {
                error(
                    "\(longField.path): the long window (\(PrometheusDuration.format(long))) is longer than the "
                        + "\(period) period",
                    at: position(of: longField.value))
                continue
            }
            let candidate = BurnRateWindow(long: long, short: short, budgetConsumed: budget)
            if let budgetField = window["budget"], candidate.threshold(periodLength: period.nominalLength) < 1 {
                warning(
                    "\(budgetField.path): spending \(Self.formatPercent(budget * 100))% of the budget in "
                        + "\(PrometheusDuration.format(long)) is a burn rate below 1: such an alert fires while "
                        + "the SLO is still being met",
                    at: position(of: budgetField.value))
            }
            windows.append(candidate)
        }
        tier.windows = windows
        if windows.isEmpty {
            warning("\(windowsField.path): no windows, so this tier never fires", at: position(of: windowsField.value))
        }
        return tier
    }

    // MARK: - Helpers

    /// The shortest length a period can have (a calendar month is at least 28 days).
    static func shortestLength(of period: SLOPeriod) -> Duration {
        switch period {
        case .rolling(let duration): duration
        case .calendar(.week, _): .seconds(7 * 86_400)
        case .calendar(.month, _): .seconds(28 * 86_400)
        case .calendar(.quarter, _): .seconds(89 * 86_400)
        }
    }

    /// The longest length a period can have.
    static func longestLength(of period: SLOPeriod) -> Duration? {
        switch period {
        case .rolling(let duration): duration
        case .calendar(.week, _): .seconds(7 * 86_400)
        case .calendar(.month, _): .seconds(31 * 86_400)
        case .calendar(.quarter, _): .seconds(92 * 86_400)
        }
    }

    static func formatSeconds(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0.001 else { return "0s" }
        guard seconds < 9e15 else { return "\(Int(seconds / 86_400))d" }
        return PrometheusDuration.format(.milliseconds(Int64(seconds * 1000)))
    }

    static func formatPercent(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
