// SteadyAPITests
