import SteadyCLI

await SteadyCommand.runFromCommandLine()
