// SteadyDemoService
