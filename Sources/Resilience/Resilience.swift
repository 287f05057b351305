// Resilience: circuit breakers, retries with budgets, timeouts, bulkheads, rate limits and more.
