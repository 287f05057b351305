// SteadyStorage
