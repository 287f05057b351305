// SteadySignals
