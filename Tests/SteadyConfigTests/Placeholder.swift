// SteadyConfigTests
