// SteadyCLI
