import Resilience
import ResilienceMetrics
import Testing

@Suite("Rejection recorders")
struct RejectionRecorderTests {
    static let rejections = ResilienceMetricName.rejections

    @Test("bulkhead: full (execute and tryAcquire) and queue timeout, under the task's criticality")
    func bulkhead() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).bulkhead(name: "reports")
        let clock = ManualClock()
        let bulkhead = Bulkhead(
            maxConcurrentCalls: 1, maxQueueLength: 1, queueTimeout: .seconds(1), clock: clock,
            onRejection: recorder.onRejection)
        let permit = try await bulkhead.acquire()
        let refused = bulkhead.tryAcquire() == nil
        #expect(refused)

        let queued = Task {
            try await Criticality.$current.withValue(.sheddablePlus) {
                try await bulkhead.execute {}
            }
        }
        await clock.waitForSleepers(count: 1)
        await Criticality.$current.withValue(.criticalPlus) {
            await #expect(throws: ResilienceError.bulkheadFull) { try await bulkhead.execute {} }
        }
        clock.advance(by: .seconds(1))
        await #expect(throws: ResilienceError.bulkheadQueueTimeout) { try await queued.value }
        permit.release()
        try await bulkhead.execute {}

        #expect(
            factory.nonZeroCounters(Self.rejections) == [
                #"resilience_rejections_total{criticality="CRITICAL",name="reports",reason="bulkhead_full",strategy="bulkhead"} 1"#,
                #"resilience_rejections_total{criticality="CRITICAL_PLUS",name="reports",reason="bulkhead_full",strategy="bulkhead"} 1"#,
                #"resilience_rejections_total{criticality="SHEDDABLE_PLUS",name="reports",reason="queue_timeout",strategy="bulkhead"} 1"#,
            ])
    }

    @Test("rate limiter: rejected acquire and tryAcquire")
    func rateLimiter() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).rateLimiter(name: "pricing")
        let clock = ManualClock()
        let limiter = RateLimiter(
            .tokenBucket(capacity: 1, refillRate: 1), clock: clock, onRejection: recorder.onRejection)
        try await limiter.execute {}
        await #expect(throws: ResilienceError.rateLimited) { try await limiter.execute {} }
        #expect(!limiter.tryAcquire())
        clock.advance(by: .seconds(1))
        #expect(limiter.tryAcquire())
        #expect(
            factory.nonZeroCounters(Self.rejections) == [
                #"resilience_rejections_total{criticality="CRITICAL",name="pricing",reason="rate_limited",strategy="ratelimiter"} 2"#
            ])
    }

    @Test("adaptive concurrency limiter: rejections and the limit gauge (AIMD)")
    func concurrencyLimiter() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).concurrencyLimiter(name: "inventory", initialLimit: 2)
        let limiter = AdaptiveConcurrencyLimiter(
            algorithm: .aimd(.init(initialLimit: 2, backoffRatio: 0.5)), clock: ManualClock(),
            onLimitChange: recorder.onLimitChange, onRejection: recorder.onRejection)
        let first = try limiter.acquire()
        let second = try limiter.acquire()
        let refused = Criticality.$current.withValue(.sheddable) { limiter.tryAcquire() == nil }
        #expect(refused)
        #expect(throws: AdaptiveResilienceError.concurrencyLimitExceeded) { _ = try limiter.acquire() }
        first.dropped()  // 2 → 1
        second.success()  // in flight at start 2 ≥ 1/2 → 2
        let third = try limiter.acquire()
        third.ignored()  // no change, no report
        #expect(limiter.limit == 2)
        let limit = ResilienceMetricName.concurrencyLimiterLimit
        #expect(factory.gaugeHistory(limit, ["name": "inventory"]) == [2, 1, 2])
        #expect(
            factory.nonZeroCounters(Self.rejections) == [
                #"resilience_rejections_total{criticality="CRITICAL",name="inventory",reason="concurrency_limit",strategy="concurrencylimiter"} 1"#,
                #"resilience_rejections_total{criticality="SHEDDABLE",name="inventory",reason="concurrency_limit",strategy="concurrencylimiter"} 1"#,
            ])
    }

    @Test("load shedder: shed by criticality without a queue, and the limit gauge")
    func loadShedderShed() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).loadShedder(name: "api")
        let shedder = LoadShedder(
            configuration: .init(algorithm: .aimd(.init(initialLimit: 2, backoffRatio: 0.5)), maxQueueLength: 0),
            clock: ManualClock(), onLimitChange: recorder.onLimitChange, onRejection: recorder.onRejection)
        recorder.record(limit: shedder.limit)
        let first = try await shedder.admit(.critical)
        await #expect(throws: AdaptiveResilienceError.shed) { _ = try await shedder.admit(.sheddable) }
        let second = try await shedder.admit(.critical)
        await #expect(throws: AdaptiveResilienceError.shed) { _ = try await shedder.admit(.criticalPlus) }
        first.dropped()  // 2 → 1
        second.ignored()
        #expect(factory.gaugeHistory(ResilienceMetricName.loadShedderLimit, ["name": "api"]) == [2, 1])
        #expect(
            factory.nonZeroCounters(Self.rejections) == [
                #"resilience_rejections_total{criticality="CRITICAL_PLUS",name="api",reason="shed",strategy="loadshedder"} 1"#,
                #"resilience_rejections_total{criticality="SHEDDABLE",name="api",reason="shed",strategy="loadshedder"} 1"#,
            ])
    }

    @Test("load shedder: a full queue rejects with queue_full under the request's own criticality")
    func loadShedderQueueFull() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).loadShedder(name: "api", initialLimit: 1)
        let shedder = LoadShedder(
            configuration: .init(algorithm: .fixed(1), maxQueueLength: 1), clock: ManualClock(),
            onRejection: recorder.onRejection)
        let running = try await shedder.admit(.critical)
        let waiter = Task {
            let permit = try await shedder.admit(.critical)
            permit.success()
        }
        while shedder.queueLength == 0 { await Task.yield() }
        // The task-local criticality is not what counts: the class passed to admit is.
        await Criticality.$current.withValue(.sheddable) {
            await #expect(throws: AdaptiveResilienceError.queueFull) { _ = try await shedder.admit(.critical) }
        }
        running.success()
        try await waiter.value
        #expect(factory.gaugeHistory(ResilienceMetricName.loadShedderLimit, ["name": "api"]) == [1])
        #expect(
            factory.nonZeroCounters(Self.rejections) == [
                #"resilience_rejections_total{criticality="CRITICAL",name="api",reason="queue_full",strategy="loadshedder"} 1"#
            ])
    }
}
