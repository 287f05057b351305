import Resilience
import ResilienceMetrics
import Synchronization
import Testing

@Suite("RetryRecorder")
struct RetryRecorderTests {
    struct Boom: Error {}

    @Test("counts retries; a spent budget counts once and stops retrying")
    func retriesAndBudget() async throws {
        let factory = TestMetricsFactory()
        let metrics = ResilienceMetrics(factory: factory)
        let recorder = metrics.retry(name: "inventory")
        let retried = Mutex<[Int]>([])
        let configuration = RetryConfiguration(
            maxAttempts: 3, backoff: .constant(.zero),
            onRetry: { retry, _, _ in retried.withLock { $0.append(retry) } })
        let retry = Retry(
            configuration: recorder.instrument(configuration), budget: RetryBudget(maxTokens: 10), clock: ManualClock())

        let attempts = Mutex(0)
        await #expect(throws: Boom.self) {
            try await retry.execute {
                attempts.withLock { $0 += 1 }
                throw Boom()
            }
        }
        #expect(attempts.withLock { $0 } == 3)
        #expect(retried.withLock { $0 } == [1, 2])  // the configuration's own observer still runs
        #expect(factory.counter(ResilienceMetricName.retryAttempts, ["name": "inventory"]) == 2)
        #expect(factory.counter(ResilienceMetricName.retryBudgetExhausted, ["name": "inventory"]) == 0)
        recorder.record(budget: retry.budget)
        #expect(factory.gauge(ResilienceMetricName.retryBudgetTokens, ["name": "inventory"]) == 7)

        // A budget of 2 tokens refuses the first retry (1 token left is not more than half).
        let stingy = metrics.retry(name: "pricing")
        var throwing = RetryConfiguration(maxAttempts: 5, backoff: .constant(.zero), throwsBudgetExhausted: true)
        throwing = stingy.instrument(throwing)
        let budgeted = Retry(configuration: throwing, budget: RetryBudget(maxTokens: 2), clock: ManualClock())
        await #expect(throws: ResilienceError.retryBudgetExhausted) {
            try await budgeted.execute { throw Boom() }
        }
        await #expect(throws: ResilienceError.retryBudgetExhausted) {
            try await budgeted.execute { throw Boom() }
        }
        #expect(factory.counter(ResilienceMetricName.retryAttempts, ["name": "pricing"]) == 0)
        #expect(factory.counter(ResilienceMetricName.retryBudgetExhausted, ["name": "pricing"]) == 2)
        #expect(factory.counter(ResilienceMetricName.retryAttempts, ["name": "inventory"]) == 2)
    }

    @Test("a non-retryable error or the last attempt is not a budget exhaustion")
    func notExhaustion() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).retry(name: "search")
        let retry = Retry(
            configuration: recorder.instrument(RetryConfiguration(maxAttempts: 1)), budget: RetryBudget(maxTokens: 1),
            clock: ManualClock())
        await #expect(throws: Boom.self) { try await retry.execute { throw Boom() } }
        await #expect(throws: CancellationError.self) { try await retry.execute { throw CancellationError() } }
        #expect(factory.counter(ResilienceMetricName.retryAttempts, ["name": "search"]) == 0)
        #expect(factory.counter(ResilienceMetricName.retryBudgetExhausted, ["name": "search"]) == 0)
    }
}
