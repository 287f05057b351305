// SteadyConfig
