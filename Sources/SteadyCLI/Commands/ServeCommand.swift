public import ArgumentParser
import Foundation
import Logging
import SteadyConfig
public import SteadyModel
import SteadyServer

/// `steady serve --config steady.yml`: runs Steady against the user's own services.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Steady with a configuration file (SIGHUP or POST /-/reload re-reads it)."
    )

    @Option(name: .shortAndLong, help: "Configuration file.")
    var config: String = "steady.yml"

    @Option(name: .long, help: "Log format: text or json (overrides logging.format).")
    var logFormat: LoggingSettings.Format?

    @Option(name: .long, help: "Log level (overrides logging.level).")
    var logLevel: String?

    func run() async throws {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigLoader().load(path: config)
        } catch {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            throw ExitCode(1)
        }
        let configuration = loaded.configuration
        LoggingSetup.bootstrap(
            format: logFormat ?? configuration.logging.format, level: logLevel ?? configuration.logging.level)
        let logger = Logger(label: "steady")
        for warning in loaded.warnings { logger.warning("\(warning.description)") }
        let server: SteadyServer
        do {
            server = try await SteadyServer.make(
                configuration: configuration,
                options: ServerOptions(
                    configPath: config,
                    onListening: { port in
                        logger.info(
                            "Steady is serving",
                            metadata: ["url": "http://\(configuration.server.listenHost):\(port)"])
                    },
                    handleSignals: true
                ),
                logger: logger
            )
        } catch {
            Output.error("\(error)")
            throw ExitCode(1)
        }
        try await server.run()
    }
}

extension LoggingSettings.Format: ExpressibleByArgument {}
