// SteadyTesting
