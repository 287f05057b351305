// SteadyScrape
