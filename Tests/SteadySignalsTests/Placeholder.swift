// SteadySignalsTests
