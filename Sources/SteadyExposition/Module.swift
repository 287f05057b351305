// SteadyExposition
