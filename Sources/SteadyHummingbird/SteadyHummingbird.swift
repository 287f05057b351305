// Hummingbird middleware lands here.
