public import ArgumentParser
import SteadyServer

/// The `steady` command tree. The executable's `main` only calls ``SteadyCommand/main()``.
public struct SteadyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "steady",
        abstract: "Steady — the SRE foundation in one binary: golden signals, SLOs, alerts, incidents.",
        version: SteadyVersion.current,
        subcommands: [
            DemoCommand.self, ServeCommand.self, CheckCommand.self, InitCommand.self, TokenCommand.self,
            ServicesCommand.self, TargetsCommand.self, EventsCommand.self, SLOCommand.self, AlertCommand.self,
            RoutesCommand.self, HeartbeatsCommand.self, ProbesCommand.self, SilenceCommand.self, MaintenanceCommand.self,
            ReloadCommand.self,
        ]
    )

    public init() {}

    /// Parses the process arguments and runs the chosen command (the executable's whole `main`).
    public static func runFromCommandLine() async {
        await main()
    }
}
