public import Logging

/// Parses the `steady-demo-service` command line by hand (the executable has no ArgumentParser dependency).
///
/// ```
/// steady-demo-service [--host 127.0.0.1] [--port 8081] [--admin-token TOKEN] [--seed N] [--capacity N]
///                     [--log-level info]
/// ```
/// `--admin-token` falls back to `STEADY_DEMO_ADMIN_TOKEN`, `--log-level` to `LOG_LEVEL`. `--name value` and
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
                                   [--capacity <n>] [--log-level <level>]

        The Steady "checkout" demo service.

        OPTIONS:
          --host <host>           Address to bind (default: 127.0.0.1)
          --port <port>           Port to bind, 0 for any free port (default: 8081)
          --admin-token <token>   Bearer token for /admin/faults (env: STEADY_DEMO_ADMIN_TOKEN);
                                  without one the admin API answers 403
          --seed <n>              Seed for simulated latency and injected errors (default: 42)
          --capacity <n>          In-flight requests that count as full saturation (default: 100)
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
