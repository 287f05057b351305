// SteadyAPI
