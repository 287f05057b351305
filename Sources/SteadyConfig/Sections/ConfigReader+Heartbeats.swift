import Foundation
import SteadyModel
import Yams

/// The `heartbeats:`, `probes:` and `watchdog:` sections.
///
/// ```yaml
/// heartbeats:
///   - name: nightly-backup
///     uuid: 5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11
///     cron: "30 2 * * *"          # or: period: 1d
///     timezone: Europe/Berlin     # cron only; default UTC
///     grace: 1h
///     labels: { team: storage }
/// probes:
///   - name: checkout-home
///     service: checkout
///     http: { url: "https://shop.example.com/", expected_status: 200-299, tls_expiry_warning: 14d }
///     interval: 30s
///   - name: postgres
///     tcp: 10.0.0.5:5432
/// watchdog:
///   url: https://hc-ping.com/5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11
///   interval: 1m
/// ```
extension ConfigReader {
    static let heartbeatKeys = ["name", "uuid", "period", "cron", "timezone", "grace", "labels", "annotations"]
    static let probeKeys = [
        "name", "service", "http", "tcp", "interval", "timeout", "failure_threshold", "labels", "annotations",
    ]
    static let httpProbeKeys = ["url", "method", "expected_status", "tls_expiry_warning", "insecure_skip_verify"]
    static let watchdogKeys = ["url", "interval", "timeout", "method"]
    static let uuidExpectation = "a UUID like 5b4c3e1a-6f0e-4c52-9d8e-2f1b7a9c0d11"
    static let probeMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    // MARK: - heartbeats

    /// Reads the `heartbeats:` list.
    mutating func heartbeats(_ field: Field) -> [HeartbeatSpec] {
        let expected = "a list of heartbeats ({ name, uuid, period or cron, grace })"
        guard let elements = sequence(field, expected: expected) else { return [] }
        var specs: [HeartbeatSpec] = []
        var names: [String: SourcePosition] = [:]
        var uuids: [String: SourcePosition] = [:]
        for (path, node) in elements {
            guard let view = mapping(node, path: path, keys: Self.heartbeatKeys) else { continue }
            let named = uniqueName(view, kind: "heartbeat", seen: &names)
            var uuid: String?
            if let uuidField = required(view, "uuid", expected: Self.uuidExpectation),
                let value = text(uuidField, expected: Self.uuidExpectation)
            {
                if !HeartbeatSpec.isUUID(value) {
                    mismatch(uuidField, text: value, expected: Self.uuidExpectation)
                } else if let first = uuids[value.lowercased()] {
                    error(
                        "\(uuidField.path): duplicate heartbeat uuid '\(value)' (first defined at \(first))",
                        at: position(of: uuidField.value))
                } else {
                    uuids[value.lowercased()] = position(of: uuidField.value)
                    uuid = value.lowercased()
                }
            }
            let schedule = heartbeatSchedule(view)
            var grace = Duration.seconds(3600)
            if let graceField = view["grace"], let value = duration(graceField, positive: false) { grace = value }
            let labels = view["labels"].flatMap { self.labels($0) } ?? Labels()
            let annotations = view["annotations"].flatMap { self.annotations($0) } ?? Labels()
            guard let named, let uuid, let schedule else { continue }
            specs.append(
                HeartbeatSpec(
                    name: named, uuid: uuid, schedule: schedule, grace: grace, labels: labels,
                    annotations: annotations))
        }
        return specs
    }

    private mutating func heartbeatSchedule(_ view: MappingView) -> HeartbeatSpec.Schedule? {
        let period = view["period"]
        let cron = view["cron"]
        let zone = view["timezone"]
        switch (period, cron) {
        case (nil, nil):
            error(
                "\(Self.label(view.path)): missing schedule: set either 'period' (like 1h) or 'cron' "
                    + "(like \"30 2 * * *\")",
                at: view.position)
            return nil
        case (let period?, _?):
            error(
                "\(period.path): set either 'period' or 'cron', not both", at: position(of: period.keyNode))
            return nil
        case (let period?, nil):
            if let zone {
                error(
                    "\(zone.path): 'timezone' applies only to cron schedules", at: position(of: zone.keyNode))
            }
            return duration(period).map { .period($0) }
        case (nil, let cron?):
            let expectation = "a cron expression like \"30 2 * * *\" or @daily"
            var timeZone = "UTC"
            if let zone, let value = self.timeZone(zone) { timeZone = value }
            guard let text = text(cron, expected: expectation) else { return nil }
            do {
                return .cron(try CronExpression(parsing: text), timeZone: timeZone)
            } catch {
                self.error(
                    "\(cron.path): invalid cron expression \(Self.quoted(text)): \(error.description)",
                    at: position(of: cron.value))
                return nil
            }
        }
    }

    /// An IANA time zone name (`Europe/Berlin`, `UTC`), with a suggestion for near misses.
    mutating func timeZone(_ field: Field) -> String? {
        let expectation = "an IANA time zone like Europe/Berlin or UTC"
        guard let value = text(field, expected: expectation) else { return nil }
        guard TimeZone(identifier: value) != nil, !value.isEmpty else {
            var message = "\(field.path): found \(Self.quoted(value)), expected \(expectation)"
            let known = TimeZone.knownTimeZoneIdentifiers
            if let suggestion = Suggestion.closest(to: value, in: known.map { $0.lowercased() }),
                let original = known.first(where: { $0.lowercased() == suggestion })
            {
                message += " (did you mean '\(original)'?)"
            }
            error(message, at: position(of: field.value))
            return nil
        }
        return value
    }

    /// A mapping of annotation names to values (any non-empty names; values are strings).
    mutating func annotations(_ field: Field) -> Labels? {
        if Self.isNull(field.value) { return Labels() }
        guard case .mapping = field.value else {
            mismatch(field.value, path: field.path, expected: "a mapping of annotation names to text")
            return nil
        }
        var pairs: [Label] = []
        var valid = true
        var seen: [String: SourcePosition] = [:]
        for (keyNode, valueNode) in merged(field.value, path: field.path) {
            guard case .scalar(let key) = keyNode, Self.isLabelName(key.string) else {
                mismatch(keyNode, path: field.path, expected: "an annotation name (letters, digits and _)")
                valid = false
                continue
            }
            if let first = seen[key.string] {
                error(
                    "\(field.path): duplicate annotation '\(Self.shortened(key.string))' (first defined at \(first))",
                    at: position(of: keyNode))
                valid = false
                continue
            }
            seen[key.string] = position(of: keyNode)
            if Self.isNull(valueNode) { continue }
            let valueField = Field(
                key: key.string, keyNode: keyNode, value: valueNode, path: "\(field.path).\(key.string)")
            guard let value = text(valueField, expected: "text") else {
                valid = false
                continue
            }
            pairs.append(Label(key.string, value))
        }
        return valid ? Labels(pairs) : nil
    }

    /// The required `name`, checked for duplicates among `seen`.
    private mutating func uniqueName(
        _ view: MappingView, kind: String, seen: inout [String: SourcePosition]
    )
        -> String?
    {
        guard let named = name(view) else { return nil }
        if let first = seen[named.name] {
            error(
                "\(named.field.path): duplicate \(kind) name '\(named.name)' (first defined at \(first))",
                at: position(of: named.field.value))
            return nil
        }
        seen[named.name] = position(of: named.field.value)
        return named.name
    }

    // MARK: - probes

    /// Reads the `probes:` list. With `knownServices`, a probe's `service` must be one of them.
    mutating func probes(_ field: Field, knownServices: [String]? = nil) -> [ProbeSpec] {
        let expected = "a list of probes ({ name, http or tcp, interval })"
        guard let elements = sequence(field, expected: expected) else { return [] }
        var specs: [ProbeSpec] = []
        var names: [String: SourcePosition] = [:]
        for (path, node) in elements {
            guard let view = mapping(node, path: path, keys: Self.probeKeys) else { continue }
            let named = uniqueName(view, kind: "probe", seen: &names)
            let kind = probeKind(view)
            let (interval, timeout) = probeTiming(view, defaultInterval: .seconds(30), defaultTimeout: .seconds(10))
            var threshold = 3
            if let field = view["failure_threshold"], let value = integer(field, in: 1...1000) { threshold = value }
            var service: String?
            if let field = view["service"], let value = text(field, expected: Self.nameExpectation) {
                if !Self.isName(value) {
                    mismatch(field, text: value, expected: Self.nameExpectation)
                } else if let knownServices, !knownServices.contains(value) {
                    var message = "\(field.path): unknown service \(Self.quoted(value))"
                    if let suggestion = Suggestion.closest(to: value, in: knownServices) {
                        message += ", did you mean '\(suggestion)'?"
                    } else {
                        message += "; define it under services:"
                    }
                    error(message, at: position(of: field.value))
                } else {
                    service = value
                }
            }
            let labels = view["labels"].flatMap { self.labels($0) } ?? Labels()
            let annotations = view["annotations"].flatMap { self.annotations($0) } ?? Labels()
            guard let named, let kind else { continue }
            specs.append(
                ProbeSpec(
                    name: named, kind: kind, interval: interval, timeout: timeout, failureThreshold: threshold,
                    service: service, labels: labels, annotations: annotations))
        }
        return specs
    }

    private mutating func probeKind(_ view: MappingView) -> ProbeSpec.Kind? {
        switch (view["http"], view["tcp"]) {
        case (nil, nil):
            error(
                "\(Self.label(view.path)): missing check: set either 'http' (a mapping with url) or 'tcp' (host:port)",
                at: view.position)
            return nil
        case (let http?, _?):
            error("\(http.path): set either 'http' or 'tcp', not both", at: position(of: http.keyNode))
            return nil
        case (let http?, nil):
            return httpCheck(http).map { .http($0) }
        case (nil, let tcp?):
            let expectation = "host:port like 127.0.0.1:5432 or [::1]:5432"
            guard let value = text(tcp, expected: expectation) else { return nil }
            switch NetworkAddress.hostPort(value, allowPortZero: false) {
            case .success(let address): return .tcp(host: address.host, port: address.port)
            case .failure(let problem):
                mismatch(tcp, text: value, expected: "\(expectation) (\(problem.message))")
                return nil
            }
        }
    }

    private mutating func httpCheck(_ field: Field) -> ProbeSpec.HTTPCheck? {
        // `http: https://…` is shorthand for `http: { url: https://… }`.
        if case .scalar = field.value {
            guard let url = probeURL(field) else { return nil }
            return ProbeSpec.HTTPCheck(url: url)
        }
        guard let view = mapping(field.value, path: field.path, keys: Self.httpProbeKeys) else { return nil }
        let url = required(view, "url", expected: "an http:// or https:// URL").flatMap { probeURL($0) }
        var check = ProbeSpec.HTTPCheck(url: url ?? "")
        if let method = view["method"], let value = choice(method, among: Self.probeMethods) { check.method = value }
        if let status = view["expected_status"], let range = statusRange(status) { check.expectedStatus = range }
        if let warning = view["tls_expiry_warning"], let value = duration(warning, positive: false) {
            check.tlsExpiryWarning = value == .zero ? nil : value
        }
        if let skip = view["insecure_skip_verify"], let value = bool(skip) { check.insecureSkipVerify = value }
        return url == nil ? nil : check
    }

    private mutating func probeURL(_ field: Field) -> String? {
        let expectation = "an http:// or https:// URL like https://shop.example.com/health"
        guard let value = text(field, expected: expectation) else { return nil }
        guard NetworkAddress.isHTTPURL(value) else {
            mismatch(field, text: value, expected: expectation)
            return nil
        }
        return value
    }

    /// `200`, `200-299` or `[200, 204]`-style ranges are written as `low-high`.
    private mutating func statusRange(_ field: Field) -> ClosedRange<Int>? {
        let expectation = "an HTTP status like 200 or a range like 200-399"
        guard let value = text(field, expected: expectation) else { return nil }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map {
            String($0).trimmingSpaces()
        }
        let numbers = parts.map { part -> Int? in
            guard part.count == 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part),
                (100...599).contains(number)
            else { return nil }
            return number
        }
        guard (1...2).contains(numbers.count), let low = numbers.first ?? nil, let high = numbers.last ?? nil,
            low <= high
        else {
            mismatch(field, text: value, expected: expectation)
            return nil
        }
        return low...high
    }

    /// `interval` and `timeout` of a probe or the watchdog; an explicit timeout longer than the interval is an error.
    private mutating func probeTiming(
        _ view: MappingView, defaultInterval: Duration, defaultTimeout: Duration
    )
        -> (interval: Duration, timeout: Duration)
    {
        var interval = defaultInterval
        if let field = view["interval"], let value = duration(field) {
            interval = value
            if value < .seconds(1) {
                warning(
                    "\(field.path): probing every \(PrometheusDuration.format(value)) is very frequent; intervals "
                        + "under 1s load the target for little gain",
                    at: position(of: field.value))
            }
        }
        var timeout = min(defaultTimeout, interval)
        if let field = view["timeout"], let value = duration(field) {
            if value > interval {
                error(
                    "\(field.path): found \(Self.quoted(PrometheusDuration.format(value))), expected a timeout no "
                        + "longer than interval (\(PrometheusDuration.format(interval)))",
                    at: position(of: field.value))
            } else {
                timeout = value
            }
        }
        return (interval, timeout)
    }

    // MARK: - watchdog

    /// Reads the `watchdog:` mapping; nil when it is invalid.
    mutating func watchdog(_ field: Field) -> WatchdogSpec? {
        guard let view = mapping(field.value, path: field.path, keys: Self.watchdogKeys) else { return nil }
        let url = required(view, "url", expected: "an http:// or https:// URL").flatMap { probeURL($0) }
        let (interval, timeout) = probeTiming(view, defaultInterval: .seconds(60), defaultTimeout: .seconds(10))
        var spec = WatchdogSpec(url: url ?? "", interval: interval, timeout: timeout)
        if let method = view["method"], let value = choice(method, among: ["GET", "HEAD", "POST"]) {
            spec.method = value
        }
        return url == nil ? nil : spec
    }

    // MARK: - Testing entry point

    /// Parses a document holding only these sections (for tests until the top-level keys are wired):
    /// returns the specs and the sorted diagnostics.
    static func heartbeatSections(
        yaml: String, file: String = "steady.yml", environment: [String: String] = [:],
        knownServices: [String]? = nil
    ) -> (heartbeats: [HeartbeatSpec], probes: [ProbeSpec], watchdog: WatchdogSpec?, diagnostics: [String]) {
        let source = SourceText(yaml)
        var reader = ConfigReader(file: file, source: source, environment: environment)
        guard let root = try? Yams.compose(yaml: yaml, .basic, .default, .utf8) else {
            return ([], [], nil, ["YAML syntax error"])
        }
        var heartbeats: [HeartbeatSpec] = []
        var probes: [ProbeSpec] = []
        var watchdog: WatchdogSpec?
        if let view = reader.mapping(root, path: "", keys: ["heartbeats", "probes", "watchdog", "services"]) {
            if let field = view["heartbeats"] { heartbeats = reader.heartbeats(field) }
            if let field = view["probes"] { probes = reader.probes(field, knownServices: knownServices) }
            if let field = view["watchdog"] { watchdog = reader.watchdog(field) }
        }
        let diagnostics = reader.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        return (heartbeats, probes, watchdog, diagnostics.map(\.description))
    }
}
