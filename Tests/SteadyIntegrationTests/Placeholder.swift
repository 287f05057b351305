// SteadyIntegrationTests
