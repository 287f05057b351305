// SteadyModelTests
