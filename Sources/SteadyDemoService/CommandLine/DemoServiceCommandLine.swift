public import Logging

/// Parses the `steady-demo-service` command line by hand (the executable has no ArgumentParser dependency).
///
/// ```
/// steady-demo-service [--host 127.0.0.1] [--port 8081] [--admin-token TOKEN] [--seed N] [--capacity N]
///                     [--protection adaptive-criticality] [--limit N] [--request-timeout-ms N] [--work-us N]
///                     [--latency-ms MIN-MAX] [--queue-target-ms N] [--log-level info]
/// ```
/// `--admin-token` falls back to `STEADY_DEMO_ADMIN_TOKEN`, `--protection` to `STEADY_DEMO_PROTECTION`, `--log-level`
/// to `LOG_LEVEL`. `--name value` and
/// `--name=value` are both accepted.
public enum DemoServiceCommandLine {
    /// What the command line asked for.
    public struct Options: Sendable {
        public var configuration: DemoServiceConfiguration
        public var logLevel: Logger.Level
        /// `--help` was given: print ``usage`` and exit.
        public var showHelp: Bool

        public init(
            configuration: DemoServiceConfiguration = .init(), logLevel: Logger.Level = .info, showHelp: Bool = false
        ) {
            self.configuration = configuration
            self.logLevel = logLevel
            self.showHelp = showHelp
        }
    }

    public static let usage = """
        USAGE: steady-demo-service [--host <host>] [--port <port>] [--admin-token <token>] [--seed <n>]
                                   [--capacity <n>] [--protection <arm>] [--limit <n>]
                                   [--request-timeout-ms <n>] [--work-us <n>] [--latency-ms <min-max>]
                                   [--queue-target-ms <n>] [--log-level <level>]

        The Steady "checkout" demo service.

        OPTIONS:
          --host <host>           Address to bind (default: 127.0.0.1)
          --port <port>           Port to bind, 0 for any free port (default: 8081)
          --admin-token <token>   Bearer token for /admin/faults (env: STEADY_DEMO_ADMIN_TOKEN);
                                  without one the admin API answers 403
          --seed <n>              Seed for simulated latency and injected errors (default: 42)
          --capacity <n>          In-flight requests that count as full saturation (default: 100)
          --protection <arm>      Overload protection of the API: none, static, codel, adaptive,
                                  adaptive-criticality (env: STEADY_DEMO_PROTECTION; default: adaptive-criticality)
          --limit <n>             Concurrency limit of static/codel, initial limit of adaptive (default: 32)
          --request-timeout-ms <n>
                                  Longest an API request may take, 0 for none (default: 10000)
          --work-us <n>           CPU time burnt per API request, in microseconds (default: 0)
          --latency-ms <min-max>  Simulated (sleeping) latency per API request (default: 1-8; 0 disables it)
          --queue-target-ms <n>   CoDel target of the admission queue (default: 5)
          --log-level <level>     trace, debug, info, notice, warning, error, critical (env: LOG_LEVEL; default: info)
          -h, --help              Show this help
        """

    /// Parses `arguments` (without the program name).
    public static func parse(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws(DemoServiceCommandLineError)
        -> Options
    {
        var options = Options()
        if let token = environment["STEADY_DEMO_ADMIN_TOKEN"], !token.isEmpty {
            options.configuration.adminToken = token
        }
        if let arm = environment["STEADY_DEMO_PROTECTION"], !arm.isEmpty {
            guard let protection = DemoProtection(rawValue: arm) else {
                throw .invalidValue(option: "STEADY_DEMO_PROTECTION", value: arm)
            }
            options.configuration.protection = protection
        }
        if let level = environment["LOG_LEVEL"] {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw .invalidValue(option: "LOG_LEVEL", value: level)
            }
            options.logLevel = parsed
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-h" || argument == "--help" {
                options.showHelp = true
                continue
            }
            guard argument.hasPrefix("--") else { throw .unknownOption(argument) }
            var name = argument
            var value: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            func requireValue() throws(DemoServiceCommandLineError) -> String {
                if let value { return value }
                guard index < arguments.count else { throw .missingValue(option: name) }
                defer { index += 1 }
                return arguments[index]
            }
            switch name {
            case "--host":
                let host = try requireValue()
                guard !host.isEmpty else { throw .invalidValue(option: name, value: host) }
                options.configuration.host = host
            case "--port":
                let text = try requireValue()
                guard let port = Int(text), (0...65_535).contains(port) else {
                    throw .invalidValue(option: name, value: text)
                }
                options.configuration.port = port
            case "--admin-token":
                let token = try requireValue()
                options.configuration.adminToken = token.isEmpty ? nil : token
            case "--seed":
                let text = try requireValue()
                guard let seed = UInt64(text) else { throw .invalidValue(option: name, value: text) }
                options.configuration.seed = seed
            case "--capacity":
                let text = try requireValue()
                guard let capacity = Int(text), capacity > 0 else { throw .invalidValue(option: name, value: text) }
                options.configuration.capacity = capacity
            case "--protection":
                let text = try requireValue()
                guard let protection = DemoProtection(rawValue: text) else {
                    throw .invalidValue(option: name, value: text)
                }
                options.configuration.protection = protection
            case "--limit":
                let text = try requireValue()
                guard let limit = Int(text), limit > 0, limit <= 100_000 else {
                    throw .invalidValue(option: name, value: text)
                }
                options.configuration.concurrencyLimit = limit
            case "--request-timeout-ms":
                let text = try requireValue()
                guard let milliseconds = Int64(text), milliseconds >= 0, milliseconds <= 86_400_000 else {
                    throw .invalidValue(option: name, value: text)
                }
                options.configuration.requestTimeout = milliseconds == 0 ? nil : .milliseconds(milliseconds)
            case "--work-us":
                let text = try requireValue()
                guard let microseconds = Int64(text), microseconds >= 0, microseconds <= 10_000_000 else {
                    throw .invalidValue(option: name, value: text)
                }
                options.configuration.simulatedWork = .microseconds(microseconds)
            case "--queue-target-ms":
                let text = try requireValue()
                guard let milliseconds = Int64(text), milliseconds > 0, milliseconds <= 10_000 else {
                    throw .invalidValue(option: name, value: text)
                }
                options.configuration.queueTarget = .milliseconds(milliseconds)
            case "--latency-ms":
                let text = try requireValue()
                guard let range = Self.parseRange(text) else { throw .invalidValue(option: name, value: text) }
                options.configuration.simulatedLatencyMs = range
            case "--log-level":
                let text = try requireValue()
                guard let level = Logger.Level(rawValue: text.lowercased()) else {
                    throw .invalidValue(option: name, value: text)
                }
                options.logLevel = level
            default:
                throw .unknownOption(name)
            }
        }
        return options
    }

    /// `N` or `MIN-MAX`, milliseconds between 0 and 60 000.
    static func parseRange(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let low = parts[0]!
        let high = parts.count == 2 ? parts[1]! : low
        guard low >= 0, high >= low, high <= 60_000 else { return nil }
        return low...high
    }
}

/// A command-line mistake, with a message for the user.
public struct DemoServiceCommandLineError: Error, Hashable, CustomStringConvertible {
    private enum Kind: Hashable {
        case unknownOption(String)
        case missingValue(String)
        case invalidValue(String, String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    static func unknownOption(_ option: String) -> Self { Self(.unknownOption(option)) }
    static func missingValue(option: String) -> Self { Self(.missingValue(option)) }
    static func invalidValue(option: String, value: String) -> Self { Self(.invalidValue(option, value)) }

    public var description: String {
        switch kind {
        case .unknownOption(let option): "unknown option '\(option)'"
        case .missingValue(let option): "missing value for '\(option)'"
        case .invalidValue(let option, let value): "invalid value '\(value)' for '\(option)'"
        }
    }
}
