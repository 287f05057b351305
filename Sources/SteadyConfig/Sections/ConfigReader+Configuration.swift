import SteadyModel
import Yams

extension ConfigReader {
    /// Alertmanager-shaped sections that a later issue parses; kept as YAML text in `passthrough`.
    static let passthroughKeys = [
        "global", "route", "inhibit_rules", "receivers", "time_intervals", "mute_time_intervals", "templates",
    ]
    static let topLevelKeys =
        ["server", "storage", "auth", "logging", "scrape", "services", "heartbeats", "probes", "watchdog"]
        + passthroughKeys

    /// Reads the whole document; problems are recorded in `diagnostics`.
    mutating func configuration(_ root: Node) -> SteadyConfiguration {
        var configuration = SteadyConfiguration()
        guard case .mapping = root else {
            mismatch(
                root, path: "",
                expected: "a mapping of sections (\(Self.topLevelKeys.prefix(6).joined(separator: ", ")), …)")
            return configuration
        }
        guard let view = mapping(root, path: "", keys: Self.topLevelKeys) else { return configuration }
        if let field = view["server"] { configuration.server = server(field) }
        if let field = view["storage"] { configuration.storage = storage(field) }
        if let field = view["auth"] { configuration.auth = auth(field, server: configuration.server) }
        if let field = view["logging"] { configuration.logging = logging(field) }
        if let field = view["scrape"] { configuration.signals = scrapeDefaults(field) }
        if let field = view["services"] {
            configuration.services = services(
                field, defaults: configuration.signals, retention: configuration.storage.retention)
        }
        if let field = view["heartbeats"] { configuration.heartbeats = heartbeats(field) }
        if let field = view["probes"] {
            configuration.probes = probes(field, knownServices: configuration.services.map(\.name))
        }
        if let field = view["watchdog"] { configuration.watchdog = watchdog(field) }
        checkAvailabilityProbes(known: configuration.probes.map(\.name))
        var alertingSections: [String: Node] = [:]
        for key in Self.passthroughKeys {
            guard let field = view[key], let copy = interpolatedCopy(field.value, path: field.path) else { continue }
            alertingSections[key] = copy
            if let text = serialized(copy, field: field) { configuration.passthrough[key] = text }
        }
        // Without a root route there is no pipeline to configure (Steady then uses its default receiver).
        if alertingSections["route"] != nil {
            var reader = YAMLNodeReader(file: file)
            do {
                configuration.alerting = try AlertingConfigParser.parse(sections: alertingSections, reader: &reader)
                append(reader.warnings)
            } catch {
                append(error.diagnostics)
            }
        }
        return configuration
    }

    /// An availability SLI must name a probe of the `probes` section (else its SLO would never see an event).
    private mutating func checkAvailabilityProbes(known: [String]) {
        for reference in availabilityProbeReferences where !known.contains(reference.name) {
            var message = "\(reference.path): unknown probe '\(reference.name)'"
            if known.isEmpty {
                message += "; the probes section defines none"
            } else if let suggestion = Suggestion.closest(to: reference.name, in: known) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; expected one of \(known.sorted().joined(separator: ", "))"
            }
            error(message, at: reference.position)
        }
    }

    // MARK: - server

    mutating func server(_ field: Field) -> ServerSettings {
        var settings = ServerSettings()
        guard let view = mapping(field.value, path: field.path, keys: ["listen", "external_url"]) else {
            return settings
        }
        let listenExpectation = "a listen address like 127.0.0.1:4040 or [::1]:4040"
        if let listen = view["listen"], let text = text(listen, expected: listenExpectation) {
            switch NetworkAddress.hostPort(text, allowPortZero: true) {
            case .success(let address):
                settings.listenHost = address.host
                settings.listenPort = address.port
            case .failure(let problem):
                mismatch(listen, text: text, expected: "\(listenExpectation) (\(problem.message))")
            }
        }
        let urlExpectation = "an http:// or https:// URL like https://steady.example.com"
        if let external = view["external_url"], let text = text(external, expected: urlExpectation), !text.isEmpty {
            if NetworkAddress.isHTTPURL(text) {
                settings.externalURL = text.hasSuffix("/") ? String(text.dropLast()) : text
            } else {
                mismatch(external, text: text, expected: urlExpectation)
            }
        }
        return settings
    }

    // MARK: - storage

    mutating func storage(_ field: Field) -> StorageSettings {
        var settings = StorageSettings()
        guard let view = mapping(field.value, path: field.path, keys: ["sqlite", "postgres", "retention"]) else {
            return settings
        }
        if view.contains("sqlite"), let postgres = view["postgres"] ?? view.nullFields["postgres"] {
            error(
                "\(field.path): choose one storage engine, sqlite or postgres, not both",
                at: position(of: postgres.keyNode))
        }
        if let sqlite = view["sqlite"] ?? view.nullFields["sqlite"],
            let engine = mapping(sqlite.value, path: sqlite.path, keys: ["path"])
        {
            if let path = engine["path"], let text = nonEmptyString(path, expected: "a file path or :memory:") {
                settings.engine = .sqlite(path: text)
            }
        } else if let postgres = view["postgres"] ?? view.nullFields["postgres"],
            let engine = mapping(postgres.value, path: postgres.path, keys: ["url"])
        {
            let expected = "a URL like postgres://steady@127.0.0.1:5432/steady"
            if let url = required(engine, "url", expected: expected), let text = text(url, expected: expected) {
                if NetworkAddress.isPostgresURL(text) {
                    settings.engine = .postgres(url: text)
                } else {
                    mismatch(url, text: text, expected: expected)
                }
            }
        }
        if let retention = view["retention"], let duration = duration(retention) {
            settings.retention = duration
        }
        return settings
    }

    // MARK: - auth

    static let minimumSecretLength = 16

    mutating func auth(_ field: Field, server: ServerSettings) -> AuthSettings {
        var settings = AuthSettings()
        guard let view = mapping(field.value, path: field.path, keys: ["anonymous_read", "tokens"]) else {
            return settings
        }
        if let anonymous = view["anonymous_read"], let value = bool(anonymous) {
            settings.anonymousRead = value
            if value, !NetworkAddress.isLoopback(server.listenHost) {
                warning(
                    "\(anonymous.path): anonymous reads are on and server.listen (\(server.listenHost)) is not a "
                        + "loopback address; anyone who can reach Steady can read it",
                    at: position(of: anonymous.value))
            }
        }
        guard let tokensField = view["tokens"],
            let tokens = sequence(tokensField, expected: "a list of tokens ({ name, role, secret })")
        else { return settings }
        var names: [String: SourcePosition] = [:]
        var secrets: [String: String] = [:]
        for (path, node) in tokens {
            guard let token = mapping(node, path: path, keys: ["name", "role", "secret"]) else { continue }
            var name: String?
            if let field = required(token, "name", expected: "a token name"), let value = nonEmptyString(field) {
                if let first = names[value] {
                    error(
                        "\(field.path): duplicate token name '\(value)' (first defined at \(first))",
                        at: position(of: field.value))
                } else {
                    names[value] = position(of: field.value)
                    name = value
                }
            }
            let role = required(token, "role", expected: Self.oneOf(Role.allCases.map(\.rawValue))).flatMap {
                choice($0, Role.self)
            }
            var secret: String?
            if let field = required(token, "secret", expected: "a secret, usually \"${STEADY_ADMIN_TOKEN}\""),
                let value = text(field, expected: "a secret string")
            {
                let length = value.count
                if length < Self.minimumSecretLength {
                    error(
                        "\(field.path): the secret is \(length) characters long, expected at least "
                            + "\(Self.minimumSecretLength) (generate one with `openssl rand -hex 32`)",
                        at: position(of: field.value))
                } else if let other = secrets[value] {
                    error("\(field.path): the same secret is already used by \(other)", at: position(of: field.value))
                } else {
                    secrets[value] = path
                    secret = value
                }
            }
            if let name, let role, let secret {
                settings.tokens.append(ConfiguredToken(name: name, role: role, secret: secret))
            }
        }
        return settings
    }

    // MARK: - logging

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    mutating func logging(_ field: Field) -> LoggingSettings {
        var settings = LoggingSettings()
        guard let view = mapping(field.value, path: field.path, keys: ["level", "format"]) else { return settings }
        if let level = view["level"], let value = choice(level, among: Self.logLevels) { settings.level = value }
        if let format = view["format"], let value = choice(format, LoggingSettings.Format.self) {
            settings.format = value
        }
        return settings
    }

    // MARK: - scrape

    static let defaultScrapeTimeout: Duration = .seconds(10)

    mutating func scrapeDefaults(_ field: Field) -> SignalSettings {
        var settings = SignalSettings()
        guard let view = mapping(field.value, path: field.path, keys: ["interval", "timeout"]) else { return settings }
        let (interval, timeout) = scrapeTiming(
            view, defaultInterval: settings.scrapeInterval, defaultTimeout: Self.defaultScrapeTimeout,
            intervalName: "scrape.interval")
        settings.scrapeInterval = interval
        settings.scrapeTimeout = timeout
        return settings
    }

    /// Reads `interval` and `timeout` of a scrape mapping. An unset timeout is the default capped at the interval;
    /// an explicit timeout longer than the interval is an error.
    mutating func scrapeTiming(
        _ view: MappingView, defaultInterval: Duration, defaultTimeout: Duration, intervalName: String
    ) -> (interval: Duration, timeout: Duration) {
        var interval = defaultInterval
        if let field = view["interval"], let value = duration(field) {
            interval = value
            if value < .seconds(1) {
                warning(
                    "\(field.path): scraping every \(PrometheusDuration.format(value)) is very frequent; "
                        + "intervals under 1s load the targets for little gain",
                    at: position(of: field.value))
            }
        }
        var timeout = min(defaultTimeout, interval)
        if let field = view["timeout"], let value = duration(field) {
            if value > interval {
                error(
                    "\(field.path): found \(Self.quoted(PrometheusDuration.format(value))), expected a timeout no "
                        + "longer than \(intervalName) (\(PrometheusDuration.format(interval)))",
                    at: position(of: field.value))
            } else {
                timeout = value
            }
        }
        return (interval, timeout)
    }

    // MARK: - passthrough

    /// An interpolated section as YAML text.
    mutating func serialized(_ copy: Node, field: Field) -> String? {
        do {
            return try Yams.serialize(node: SecretRedaction.redacted(copy))
        } catch {
            self.error("\(field.path): could not re-emit the section as YAML: \(error)", at: position(of: field.value))
            return nil
        }
    }

    /// A copy of `node` with every scalar value (not key) interpolated; nil when the node budget ran out.
    mutating func interpolatedCopy(_ node: Node, path: String) -> Node? {
        guard spend(1, at: node) else { return nil }
        switch node {
        case .scalar(var scalar):
            let original = scalar.string
            let (value, failures) = interpolator.interpolate(original)
            for failure in failures {
                error(
                    "\(Self.label(path)): \(failure.message)",
                    at: position(of: node, utf8Offset: failure.offset, value: original))
            }
            if value != original {
                let tag = scalar.tag
                scalar.string = value
                scalar.tag = tag
            }
            return .scalar(scalar)
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyName = key.scalar.map { Self.shortened($0.string) } ?? "?"
                guard let copy = interpolatedCopy(value, path: Self.child(path, keyName)) else { return nil }
                pairs.append((key, copy))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            var nodes: [Node] = []
            nodes.reserveCapacity(sequence.count)
            for (index, element) in sequence.enumerated() {
                guard let copy = interpolatedCopy(element, path: "\(path)[\(index)]") else { return nil }
                nodes.append(copy)
            }
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }
}
