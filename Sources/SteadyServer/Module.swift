// SteadyServer
