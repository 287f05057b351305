// SteadyStorageTests
