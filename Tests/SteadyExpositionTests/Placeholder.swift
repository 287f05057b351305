// SteadyExpositionTests
