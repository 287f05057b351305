// SteadyDemoServiceTests
