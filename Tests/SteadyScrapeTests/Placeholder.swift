// SteadyScrapeTests
