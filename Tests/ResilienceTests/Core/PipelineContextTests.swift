import Resilience
import Synchronization
import Testing

/// A pipeline hands a `ResilienceContext` (the effective deadline and one clock reading) from strategy to strategy
/// and binds the deadline once, before the operation. These tests pin that the operation and every strategy see
/// exactly what they saw when each strategy wrapped the next one through `execute(isolation:_:)`.
@Suite("Pipeline context: one deadline binding, one clock reading")
struct PipelineContextTests {
    struct Boom: Error {}

    /// A value shared with the strategies and operations under test.
    final class Shared<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
        func withLock<Result>(_ body: (inout Value) -> Result) -> Result { self.value.withLock { body(&$0) } }
    }

    /// A strategy that only implements `execute(isolation:_:)` (the protocol's default runs it in a pipeline).
    struct Probe: ResilienceStrategy {
        let clock: ManualClock
        let seen: Shared<[ManualClock.Instant?]>
        let ownDeadline: Duration?

        func execute<Success>(
            isolation: isolated (any Actor)? = #isolation,
            _ operation: () async throws -> Success
        ) async throws -> Success {
            self.seen.withLock { $0.append(Deadline.currentInstant(on: self.clock)) }
            guard let ownDeadline else { return try await operation() }
            return try await Deadline.withDeadline(in: ownDeadline, clock: self.clock, isolation: isolation, operation)
        }
    }

    /// The deadline the operation sees through the pipeline and through the same strategies nested by hand.
    func seenBoth<S1: ResilienceStrategy, S2: ResilienceStrategy, S3: ResilienceStrategy>(
        _ first: S1, _ second: S2, _ third: S3, clock: ManualClock
    ) async throws -> (pipeline: ManualClock.Instant?, nested: ManualClock.Instant?) {
        let pipeline = ResiliencePipeline {
            first
            second
            third
        }
        let viaPipeline = try await pipeline.execute { Deadline.currentInstant(on: clock) }
        let viaNesting = try await first.execute(isolation: #isolation) {
            try await second.execute(isolation: #isolation) {
                try await third.execute(isolation: #isolation) { Deadline.currentInstant(on: clock) }
            }
        }
        return (viaPipeline, viaNesting)
    }

    @Test("the operation sees the tightest deadline of the pipeline and of the caller, as with nested strategies")
    func tightestDeadline() async throws {
        let clock = ManualClock(now: .init(offset: .seconds(100)))
        let budget = RetryBudget()
        let retry = Retry(configuration: .init(maxAttempts: 2, backoff: .constant(.zero)), budget: budget, clock: clock)
        let breaker = CircuitBreaker(clock: clock)
        func timeout(_ seconds: Int64, _ mode: Timeout<ManualClock>.Mode = .deadlineOnly) -> Timeout<ManualClock> {
            Timeout(.seconds(seconds), mode: mode, clock: clock)
        }
        let cases: [(Timeout<ManualClock>, Timeout<ManualClock>, ManualClock.Instant)] = [
            (timeout(10), timeout(1), .init(offset: .seconds(101))),
            (timeout(10), timeout(60), .init(offset: .seconds(110))),
            (timeout(10, .cancelling), timeout(1), .init(offset: .seconds(101))),
            (timeout(10), timeout(1, .cancelling), .init(offset: .seconds(101))),
        ]
        for (outer, inner, expected) in cases {
            let seen = try await self.seenBoth(outer, retry, inner, clock: clock)
            #expect(seen.pipeline == expected)
            #expect(seen.nested == expected)
            let withBreaker = try await self.seenBoth(outer, inner, breaker, clock: clock)
            #expect(withBreaker.pipeline == expected)
        }
        // The caller's deadline wins when tighter; the pipeline leaves the caller's deadline as it was.
        try await Deadline.withDeadline(in: .seconds(5), clock: clock) {
            let tighter = try await self.seenBoth(timeout(10), retry, timeout(1), clock: clock)
            #expect(tighter.pipeline == .init(offset: .seconds(101)))
            let inherited = try await self.seenBoth(timeout(10), retry, timeout(60), clock: clock)
            #expect(inherited.pipeline == .init(offset: .seconds(105)))
            #expect(inherited.nested == .init(offset: .seconds(105)))
            #expect(Deadline.currentInstant(on: clock) == .init(offset: .seconds(105)))
        }
        #expect(Deadline.current == nil)
    }

    @Test("a passed deadline is refused inside a pipeline, as with nested timeouts")
    func passedDeadline() async throws {
        let clock = ManualClock(now: .init(offset: .seconds(100)))
        let pipeline = ResiliencePipeline {
            Timeout(.seconds(10), mode: .deadlineOnly, clock: clock)
            Timeout(.seconds(1), mode: .deadlineOnly, clock: clock)
        }
        let ran = Shared(false)
        await #expect(throws: ResilienceError.deadlineExceeded) {
            try await Deadline.withDeadline(in: .seconds(1), clock: clock) {
                clock.advance(by: .seconds(1))
                return try await pipeline.execute { ran.withLock { $0 = true } }
            }
        }
        #expect(!ran.withLock { $0 })
    }

    @Test("a retried attempt starts from a new clock reading; the retry's waits are bounded by the pipeline deadline")
    func retryReadsTheClockAgain() async throws {
        let clock = ManualClock(now: .init(offset: .seconds(100)))
        let retry = Retry(
            configuration: .init(maxAttempts: 3, backoff: .constant(.zero)), budget: RetryBudget(), clock: clock)
        let pipeline = ResiliencePipeline {
            Timeout(.seconds(10), mode: .deadlineOnly, clock: clock)
            retry
            Timeout(.seconds(1), mode: .deadlineOnly, clock: clock)
        }
        let seen = Shared<[ManualClock.Instant?]>([])
        let value = try await pipeline.execute { () throws -> Int in
            let attempt = seen.withLock { seen in
                seen.append(Deadline.currentInstant(on: clock))
                return seen.count
            }
            clock.advance(by: .seconds(2))
            if attempt < 3 { throw Boom() }
            return attempt
        }
        #expect(value == 3)
        // 100 + 1, then 102 + 1, then 104 + 1: each attempt's timeout reads the clock again.
        #expect(seen.withLock { $0 } == [101, 103, 105].map { ManualClock.Instant(offset: .seconds($0)) })

        // A retry whose wait would pass the pipeline's deadline gives up with the operation's error.
        let slow = Retry(
            configuration: .init(maxAttempts: 3, backoff: .constant(.seconds(5))), budget: RetryBudget(), clock: clock)
        let bounded = ResiliencePipeline {
            Timeout(.seconds(3), mode: .deadlineOnly, clock: clock)
            slow
        }
        let attempts = Shared(0)
        await #expect(throws: Boom.self) {
            try await bounded.execute { () throws -> Int in
                attempts.withLock { $0 += 1 }
                throw Boom()
            }
        }
        #expect(attempts.withLock { $0 } == 1)
    }

    @Test("a strategy without a context implementation sees the pipeline's deadline, and its own deadline is kept")
    func strategyWithoutContext() async throws {
        let clock = ManualClock(now: .init(offset: .seconds(100)))
        let plain = Probe(clock: clock, seen: Shared([]), ownDeadline: nil)
        let seen = try await self.seenBoth(
            Timeout(.seconds(1), mode: .deadlineOnly, clock: clock), plain,
            Timeout(.seconds(60), mode: .deadlineOnly, clock: clock), clock: clock)
        #expect(seen.pipeline == .init(offset: .seconds(101)))
        #expect(seen.nested == .init(offset: .seconds(101)))
        #expect(plain.seen.withLock { $0 } == [.init(offset: .seconds(101)), .init(offset: .seconds(101))])

        let binding = Probe(clock: clock, seen: Shared([]), ownDeadline: .milliseconds(500))
        let tightened = try await self.seenBoth(
            Timeout(.seconds(1), mode: .deadlineOnly, clock: clock), binding,
            Timeout(.seconds(60), mode: .deadlineOnly, clock: clock), clock: clock)
        #expect(tightened.pipeline == .init(offset: .milliseconds(100_500)))
        #expect(tightened.nested == .init(offset: .milliseconds(100_500)))
    }

    @Test("a timeout on a clock with boxed instants replaces the deadline, as with nested timeouts")
    func boxedDeadline() async throws {
        let clock = ManualClock(now: .init(offset: .seconds(100)))
        let ticks = TickClock()
        let pipeline = ResiliencePipeline {
            Timeout(.seconds(1), mode: .deadlineOnly, clock: clock)
            Timeout(.seconds(5), mode: .deadlineOnly, clock: ticks)
            Timeout(.seconds(60), mode: .deadlineOnly, clock: clock)
            Timeout(.seconds(9), mode: .deadlineOnly, clock: ticks)
        }
        let (manual, tick) = try await pipeline.execute {
            (Deadline.currentInstant(on: clock), Deadline.currentInstant(on: ticks)?.ticks)
        }
        // The tick timeout replaced the manual deadline; the next manual timeout set its own (160); the last tick
        // timeout set 109 (the tick deadline in force was the manual one, of another type).
        #expect(manual == nil)
        #expect(tick == 109)
        let nested = try await Timeout(.seconds(1), mode: .deadlineOnly, clock: clock).execute {
            try await Timeout(.seconds(5), mode: .deadlineOnly, clock: ticks).execute {
                try await Timeout(.seconds(60), mode: .deadlineOnly, clock: clock).execute {
                    try await Timeout(.seconds(9), mode: .deadlineOnly, clock: ticks).execute {
                        (Deadline.currentInstant(on: clock), Deadline.currentInstant(on: ticks)?.ticks)
                    }
                }
            }
        }
        #expect(nested.0 == manual)
        #expect(nested.1 == tick)
    }

    @Test("a clock reading is shared only between strategies on the same clock")
    func readingsAreNotSharedAcrossClocks() async throws {
        let early = ManualClock(now: .init(offset: .seconds(100)))
        let late = ManualClock(now: .init(offset: .seconds(500)))
        // Same instant type, different clocks: the inner timeout must read its own clock (500 ≥ 101: passed).
        let pipeline = ResiliencePipeline {
            Timeout(.seconds(1), mode: .deadlineOnly, clock: early)
            Timeout(.seconds(1), mode: .deadlineOnly, clock: late)
        }
        await #expect(throws: ResilienceError.deadlineExceeded) { try await pipeline.execute { 1 } }
        await #expect(throws: ResilienceError.deadlineExceeded) {
            try await Timeout(.seconds(1), mode: .deadlineOnly, clock: early).execute {
                try await Timeout(.seconds(1), mode: .deadlineOnly, clock: late).execute { 1 }
            }
        }
    }

    @Test("the standard clocks' direct reads are on the standard library's epoch, in and out of a pipeline")
    func systemClockEpochs() async throws {
        let continuousBefore = ContinuousClock.now
        let suspendingBefore = SuspendingClock.now
        let pipeline = ResiliencePipeline {
            Timeout(.seconds(7), mode: .deadlineOnly, clock: SuspendingClock())
            CircuitBreaker(clock: SuspendingClock())
        }
        let suspending = try #require(try await pipeline.execute { Deadline.currentInstant(on: SuspendingClock()) })
        let continuous = try #require(
            try await Timeout(.seconds(7), mode: .deadlineOnly).execute {
                Deadline.currentInstant(on: ContinuousClock())
            }
        )
        let continuousAfter = ContinuousClock.now
        let suspendingAfter = SuspendingClock.now
        #expect(suspending >= suspendingBefore.advanced(by: .seconds(7)))
        #expect(suspending <= suspendingAfter.advanced(by: .seconds(7)))
        #expect(continuous >= continuousBefore.advanced(by: .seconds(7)))
        #expect(continuous <= continuousAfter.advanced(by: .seconds(7)))
        let breaker = CircuitBreaker(configuration: .init(slowCallDurationThreshold: .seconds(1)))
        _ = try await breaker.execute { 1 }
        #expect(breaker.metrics.numberOfSlowCalls == 0)
        #expect(breaker.metrics.numberOfBufferedCalls == 1)
    }
}
