import Foundation
import Logging
import ServiceLifecycle
import SteadyDemoService
import UnixSignals

// Thin executable: parse the command line, run the demo service until SIGTERM/SIGINT.
let options: DemoServiceCommandLine.Options
do {
    options = try DemoServiceCommandLine.parse(
        Array(CommandLine.arguments.dropFirst()),
        environment: ProcessInfo.processInfo.environment
    )
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n\n\(DemoServiceCommandLine.usage)\n".utf8))
    exit(64)
}
if options.showHelp {
    print(DemoServiceCommandLine.usage)
    exit(0)
}

var logger = Logger(label: "steady-demo-service")
logger.logLevel = options.logLevel
let service = buildDemoService(configuration: options.configuration, logger: logger)
let group = ServiceGroup(
    configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
)
do {
    try await group.run()
} catch {
    logger.error("steady-demo-service failed", metadata: ["error": "\(error)"])
    exit(1)
}
