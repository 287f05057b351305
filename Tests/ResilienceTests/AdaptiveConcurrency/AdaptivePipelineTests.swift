import Resilience
import Testing

private struct AppError: Error {}

/// Runs through the protocol requirement, the way a pipeline does.
private func run<S: ResilienceStrategy, T>(_ strategy: S, _ operation: () async throws -> T) async throws -> T {
    try await strategy.execute(isolation: #isolation, operation)
}

@Suite("Adaptive strategies in pipelines")
struct AdaptivePipelineTests {
    typealias Outcome = AdaptiveConcurrencyStateMachine<ManualClock.Instant>.Outcome

    @Test("timeouts and overload count as drops; other errors and cancellation are ignored")
    func classification() {
        #expect(Outcome.classify(ResilienceError.timedOut) == .dropped)
        #expect(Outcome.classify(ResilienceError.deadlineExceeded) == .dropped)
        #expect(Outcome.classify(ResilienceError.bulkheadFull) == .dropped)
        #expect(Outcome.classify(AdaptiveResilienceError.shed) == .dropped)
        #expect(Outcome.classify(ResilienceError.circuitOpen) == .ignored)
        #expect(Outcome.classify(AdaptiveResilienceError.injectedFault) == .ignored)
        #expect(Outcome.classify(CancellationError()) == .ignored)
        #expect(Outcome.classify(AppError()) == .ignored)
    }

    @Test("the limiter as a strategy: a timed-out call shrinks the AIMD limit, an application error does not")
    func limiterStrategy() async throws {
        let limiter = AdaptiveConcurrencyLimiter(algorithm: .aimd(.init(initialLimit: 10)), clock: ManualClock())
        await #expect(throws: AppError.self) { try await run(limiter) { () throws -> Int in throw AppError() } }
        #expect(limiter.limit == 10)
        await #expect(throws: ResilienceError.timedOut) {
            try await run(limiter) { () throws -> Int in throw ResilienceError.timedOut }
        }
        #expect(limiter.limit == 9)
        #expect(try await run(limiter) { 3 } == 3)
        #expect(limiter.inFlight == 0)
    }

    @Test("the throttle as a strategy counts errors as rejections and throws throttled locally")
    func throttleStrategy() async throws {
        let throttle = AdaptiveThrottle(configuration: .init(k: 1), clock: ManualClock(), random: SplitMix64(seed: 4))
        for _ in 0..<100 { _ = try? await run(throttle) { () throws -> Int in throw AppError() } }
        let counts = throttle.counts
        #expect(counts.accepts == 0)
        #expect(counts.requests == 100)
        var throttled = 0
        for _ in 0..<100 {
            do {
                _ = try await run(throttle) { 1 }
            } catch let error as AdaptiveResilienceError where error == .throttled {
                throttled += 1
            }
        }
        #expect(throttled > 0)
    }

    @Test("the load shedder as a strategy admits by the task-local criticality")
    func shedderStrategy() async throws {
        let shedder = LoadShedder(configuration: .init(algorithm: .fixed(2), maxQueueLength: 0), clock: ManualClock())
        let held = try await shedder.admit(.critical)
        #expect(Criticality.current == nil)
        await #expect(throws: AdaptiveResilienceError.shed) {
            try await Criticality.$current.withValue(.sheddable) { try await run(shedder) { 1 } }
        }
        let value = try await Criticality.$current.withValue(.critical) {
            try await run(shedder) { Criticality.current }
        }
        #expect(value == .critical)
        // Unset means critical: admitted too.
        #expect(try await run(shedder) { 2 } == 2)
        held.success()
        #expect(shedder.inFlight == 0)
    }

    @Test("fault injection as a strategy")
    func faultStrategy() async throws {
        let clock = ManualClock()
        let chaos = FaultInjection(rate: 1, clock: clock, random: SplitMix64(seed: 1))
        await #expect(throws: AdaptiveResilienceError.injectedFault) {
            try await run(chaos.strategy(.error(AdaptiveResilienceError.injectedFault))) { 1 }
        }
        await #expect(throws: AppError.self) { try await run(chaos.strategy(.outcome(.failure(AppError())))) { 1 } }
        let slow = Task { try await run(chaos.strategy(.latency(.seconds(1)))) { 7 } }
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(try await slow.value == 7)
        chaos.isEnabled = false
        #expect(try await run(chaos.strategy(.error(AppError()))) { 8 } == 8)
    }

    @Test("adaptive strategies compose with the core ones")
    func composition() async throws {
        let limiter = AdaptiveConcurrencyLimiter(algorithm: .fixed(4), clock: ManualClock())
        let chaos = FaultInjection(rate: 0, clock: ManualClock(), random: SplitMix64(seed: 1))
        let pipeline = limiter.wrapping(chaos.strategy(.error(AppError())))
        #expect(try await pipeline.execute { limiter.inFlight } == 1)
    }
}
