import Benchmark
import Resilience

/// Entry point of the `ResilienceBenchmarks` executable (ordo-one/benchmark, mallocs counted by the
/// MallocInterposer trait).
///
/// Run: `STEADY_ENABLE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark --target ResilienceBenchmarks`
///
/// Every benchmark runs 1,000 calls per measured iteration (`scalingFactor: .kilo`), so the reported wall-clock
/// time and malloc count are per call. Each strategy is called once before `startMeasurement()`, so one-time
/// initialisation (type metadata, task-local keys, the breaker's window buffer) is not measured.
let benchmarks: @Sendable () -> Void = {
    resilienceBenchmarks()
}

struct BenchmarkFailure: Error {}

func resilienceBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .instructions],
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )

    // The floor under every time-dependent strategy: one `ContinuousClock.now` (a vDSO `clock_gettime` on Linux).
    // The closed breaker reads the clock twice (start and end of the call, for slow-call detection).
    Benchmark("Reference: ContinuousClock.now", configuration: configuration) { benchmark in
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(clock.now)
        }
    }

    Benchmark("CircuitBreaker closed path", configuration: configuration) { benchmark in
        let breaker = CircuitBreaker()
        _ = try await breaker.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await breaker.execute { index })
        }
    }

    Benchmark("CircuitBreaker closed path (consecutive mode)", configuration: configuration) { benchmark in
        let breaker = CircuitBreaker(configuration: .consecutive(failures: 5))
        _ = try await breaker.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await breaker.execute { index })
        }
    }

    Benchmark("Retry no-retry path (with budget)", configuration: configuration) { benchmark in
        let retry = Retry(budget: RetryBudget())
        _ = try await retry.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await retry.execute { index })
        }
    }

    Benchmark("RateLimiter token bucket acquire", configuration: configuration) { benchmark in
        let limiter = RateLimiter(.tokenBucket(capacity: 1_000_000_000, refillRate: 1e12))
        _ = try await limiter.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await limiter.execute { index })
        }
    }

    Benchmark("RateLimiter GCRA acquire", configuration: configuration) { benchmark in
        let limiter = RateLimiter(.gcra(rate: 1_000_000_000, period: .seconds(1), burst: 1_000_000))
        _ = try await limiter.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await limiter.execute { index })
        }
    }

    Benchmark("Bulkhead acquire/release", configuration: configuration) { benchmark in
        let bulkhead = Bulkhead(maxConcurrentCalls: 64, maxQueueLength: 64)
        _ = try await bulkhead.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await bulkhead.execute { index })
        }
    }

    Benchmark("Timeout deadline-only", configuration: configuration) { benchmark in
        let timeout = Timeout(.seconds(10), mode: .deadlineOnly)
        _ = try await timeout.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await timeout.execute { index })
        }
    }

    Benchmark("Timeout cancelling (child task + timer)", configuration: configuration) { benchmark in
        let timeout = Timeout(.seconds(10), mode: .cancelling)
        _ = try await timeout.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await timeout.execute { index })
        }
    }

    Benchmark("Pipeline 5 strategies, deadline-only timeouts", configuration: configuration) { benchmark in
        let budget = RetryBudget()
        let pipeline = ResiliencePipeline {
            RateLimiter(.tokenBucket(capacity: 1_000_000_000, refillRate: 1e12))
            Timeout(.seconds(10), mode: .deadlineOnly)
            Retry(budget: budget)
            Timeout(.seconds(1), mode: .deadlineOnly)
            CircuitBreaker()
        }
        _ = try await pipeline.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await pipeline.execute { index })
        }
    }

    Benchmark("Pipeline 5 strategies, cancelling timeouts", configuration: configuration) { benchmark in
        let budget = RetryBudget()
        let pipeline = ResiliencePipeline {
            RateLimiter(.tokenBucket(capacity: 1_000_000_000, refillRate: 1e12))
            Timeout(.seconds(10))
            Retry(budget: budget)
            Timeout(.seconds(1))
            CircuitBreaker()
        }
        _ = try await pipeline.execute { 1 }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            blackHole(try await pipeline.execute { index })
        }
    }
}
