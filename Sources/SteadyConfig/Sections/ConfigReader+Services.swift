import SteadyModel
import Yams

extension ConfigReader {
    static let nameExpectation = "a name of lower-case letters, digits, - and _ starting with a letter or digit"

    /// Service and SLO names: `[a-z0-9][a-z0-9-_]*`.
    static func isName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLowerAlphanumeric(first) else { return false }
        return name.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// A required `name` field that must match `isName`.
    mutating func name(_ view: MappingView) -> (name: String, field: Field)? {
        guard let field = required(view, "name", expected: Self.nameExpectation),
            let value = text(field, expected: Self.nameExpectation)
        else { return nil }
        guard Self.isName(value) else {
            mismatch(field, text: value, expected: Self.nameExpectation)
            return nil
        }
        return (value, field)
    }

    // MARK: - services

    mutating func services(_ field: Field, defaults: SignalSettings, retention: Duration) -> [ServiceSpec] {
        guard let elements = sequence(field, expected: "a list of services ({ name, scrape, signals, slos })") else {
            return []
        }
        var services: [ServiceSpec] = []
        var names: [String: SourcePosition] = [:]
        for (path, node) in elements {
            guard
                let view = mapping(node, path: path, keys: ["name", "description", "scrape", "signals", "slos"])
            else { continue }
            let named = name(view)
            if let named, let first = names[named.name] {
                error(
                    "\(named.field.path): duplicate service name '\(named.name)' (first defined at \(first))",
                    at: position(of: named.field.value))
            } else if let named {
                names[named.name] = position(of: named.field.value)
            }
            let serviceName = named?.name ?? ""
            var service = ServiceSpec(name: serviceName)
            if let description = view["description"] { service.description = string(description) }
            if let scrape = view["scrape"] { service.scrape = scrapeSpec(scrape, defaults: defaults) }
            if let signals = view["signals"] { service.signals = goldenSignals(signals) }
            if let slos = view["slos"] {
                service.slos = self.slos(
                    slos, service: serviceName, retention: retention, scrapeInterval: service.scrape?.interval)
            }
            if named != nil { services.append(service) }
        }
        return services
    }

    mutating func scrapeSpec(_ field: Field, defaults: SignalSettings) -> ScrapeSpec? {
        let keys = ["targets", "interval", "timeout", "metrics_path", "scheme", "labels"]
        guard let view = mapping(field.value, path: field.path, keys: keys) else { return nil }
        var spec = ScrapeSpec(targets: [])
        let targetExpectation = "a target like 127.0.0.1:8081 or a URL like http://127.0.0.1:8081/metrics"
        if let targets = required(view, "targets", expected: "a list of targets like [\"127.0.0.1:8081\"]"),
            let elements = sequence(targets, expected: "a list of targets like [\"127.0.0.1:8081\"]")
        {
            if elements.isEmpty {
                error(
                    "\(targets.path): the list is empty, expected at least one target", at: position(of: targets.value))
            }
            var seen: [String: SourcePosition] = [:]
            for (index, element) in elements.enumerated() {
                let target = Field(key: "\(index)", keyNode: element.node, value: element.node, path: element.path)
                guard let value = text(target, expected: targetExpectation) else { continue }
                if value.hasPrefix("http://") || value.hasPrefix("https://") || value.contains("://") {
                    guard NetworkAddress.isHTTPURL(value) else {
                        mismatch(target, text: value, expected: targetExpectation)
                        continue
                    }
                } else if case .failure(let problem) = NetworkAddress.hostPort(value, allowPortZero: false) {
                    mismatch(target, text: value, expected: "\(targetExpectation) (\(problem.message))")
                    continue
                }
                if let first = seen[value] {
                    error(
                        "\(target.path): duplicate target '\(value)' (first listed at \(first))",
                        at: position(of: element.node))
                    continue
                }
                seen[value] = position(of: element.node)
                spec.targets.append(value)
            }
        }
        (spec.interval, spec.timeout) = scrapeTiming(
            view, defaultInterval: defaults.scrapeInterval, defaultTimeout: defaults.scrapeTimeout,
            intervalName: "interval")
        if let path = view["metrics_path"], let value = text(path, expected: "a path starting with /, like /metrics") {
            if value.hasPrefix("/"), !value.contains(where: \.isWhitespace) {
                spec.metricsPath = value
            } else {
                mismatch(path, text: value, expected: "a path starting with /, like /metrics")
            }
        }
        if let scheme = view["scheme"], let value = choice(scheme, among: ["http", "https"]) { spec.scheme = value }
        if let labels = view["labels"], let value = self.labels(labels) { spec.labels = value }
        return spec
    }

    mutating func goldenSignals(_ field: Field) -> GoldenSignalSpec {
        let keys = ["requests", "errors", "latency", "saturation", "saturation_aggregation"]
        guard let view = mapping(field.value, path: field.path, keys: keys) else { return GoldenSignalSpec() }
        let defaults = GoldenSignalSpec()
        let requests = view["requests"].flatMap { selector($0) } ?? defaults.requests
        let errors = view["errors"].flatMap { selector($0) }
        let latency = view["latency"].flatMap { histogramSelector($0) } ?? defaults.latency
        let saturation = view["saturation"].flatMap { selector($0) }
        let aggregation =
            view["saturation_aggregation"].flatMap { choice($0, GoldenSignalSpec.Aggregation.self) }
            ?? defaults.saturationAggregation
        return GoldenSignalSpec(
            requests: requests, errors: errors, latency: latency, saturation: saturation,
            saturationAggregation: aggregation)
    }
}
