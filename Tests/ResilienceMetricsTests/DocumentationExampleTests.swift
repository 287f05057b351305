import Resilience
import ResilienceMetrics
import Testing

/// The wiring shown in the DocC articles, compiled and run once, so the examples stay true to the API. The time
/// limits are the articles' shapes with generous values: this checks wiring, not timing, and must not fail on a
/// loaded CI machine (with 60 s timeouts it once timed out in a full CI run on 2 cores, while it takes milliseconds
/// alone: the suite's CPU-bound tests share the cooperative pool with it).
@Suite("Documentation examples")
struct DocumentationExampleTests {
    @Test("the GettingStarted pipeline and the ResilienceMetrics wiring compile and run")
    func examples() async throws {
        let factory = TestMetricsFactory()
        let metrics = ResilienceMetrics(factory: factory)
        let budget = RetryBudget(maxTokens: 10, tokenRatio: 0.1)

        let breakerMetrics = metrics.circuitBreaker(name: "inventory")
        let breaker = CircuitBreaker(
            configuration: breakerMetrics.instrument(.consecutive(failures: 5, resetTimeout: .seconds(30))),
            onStateChange: breakerMetrics.onStateChange)
        let retryMetrics = metrics.retry(name: "inventory")
        let retry = Retry(configuration: retryMetrics.instrument(RetryConfiguration(maxAttempts: 3)), budget: budget)
        let bulkhead = Bulkhead(maxConcurrentCalls: 20, onRejection: metrics.bulkhead(name: "inventory").onRejection)
        let limiterMetrics = metrics.concurrencyLimiter(name: "inventory", initialLimit: 20)
        let limiter = AdaptiveConcurrencyLimiter(
            algorithm: .gradient(.init(initialLimit: 20)),
            onLimitChange: limiterMetrics.onLimitChange, onRejection: limiterMetrics.onRejection)
        let rateLimiter = RateLimiter(
            .tokenBucket(capacity: 50, refillRate: 25), onRejection: metrics.rateLimiter(name: "pricing").onRejection)
        let shedderMetrics = metrics.loadShedder(name: "api", initialLimit: 50)
        let shedder = LoadShedder(
            configuration: .init(algorithm: .gradient(.init(initialLimit: 50))),
            onLimitChange: shedderMetrics.onLimitChange, onRejection: shedderMetrics.onRejection)

        let pipeline = ResiliencePipeline {
            shedder
            rateLimiter
            limiter
            bulkhead
            Timeout(.seconds(600))
            retry
            Timeout(.seconds(300))
            breaker
        }
        let stock = try await Deadline.withDeadline(in: .seconds(1_200)) {
            try Deadline.checkNotPassed(on: ContinuousClock())
            return try await pipeline.execute { 7 }
        }
        #expect(stock == 7)
        let calls = ResilienceMetricName.circuitBreakerCalls
        #expect(factory.counter(calls, ["name": "inventory", "outcome": "success"]) == 1)
        #expect(factory.gauge(ResilienceMetricName.circuitBreakerState, ["name": "inventory", "state": "closed"]) == 1)
        #expect(factory.nonZeroCounters(ResilienceMetricName.rejections).isEmpty)

        let standalone = ResiliencePipeline {
            Timeout(.seconds(600))
            Retry(
                configuration: .init(maxAttempts: 3, backoff: .exponential(base: .milliseconds(50), cap: .seconds(1))),
                budget: RetryBudget(maxTokens: 10, tokenRatio: 0.1))
            Timeout(.seconds(300))
            CircuitBreaker(configuration: .consecutive(failures: 5, resetTimeout: .seconds(30)))
        }
        #expect(try await standalone.execute { "ok" } == "ok")
    }
}
