import Resilience
import Testing

/// Deadlines of the standard clocks and of `ManualClock` are stored inline and read without a dynamic cast; the
/// deadline-only timeout and the rate limiter work out their instants synchronously. Same results as before.
@Suite("Deadline, Timeout and RateLimiter fast paths")
struct DeadlineFastPathTests {
    @Test("a deadline round-trips its instant and is invisible to other clock types")
    func roundTrip() {
        let manual = ManualClock.Instant(offset: .milliseconds(1_500))
        let deadline = Deadline(manual)
        #expect(deadline.instant(on: ManualClock()) == manual)
        #expect(deadline.instant as? ManualClock.Instant == manual)
        #expect(deadline.instant(on: ContinuousClock()) == nil)
        #expect(deadline.instant(on: TickClock()) == nil)

        let continuous = ContinuousClock.now.advanced(by: .seconds(3))
        let onContinuous = Deadline(continuous)
        #expect(onContinuous.instant(on: ContinuousClock()) == continuous)
        #expect(onContinuous.instant(on: SuspendingClock()) == nil)
        #expect(onContinuous.instant(on: ManualClock()) == nil)
        #expect(onContinuous.instant as? ContinuousClock.Instant == continuous)

        let suspending = SuspendingClock.now
        #expect(Deadline(suspending).instant(on: SuspendingClock()) == suspending)
        #expect(Deadline(suspending).instant as? SuspendingClock.Instant == suspending)

        let ticks = Deadline(TickClock.Instant(ticks: 7))
        #expect(ticks.instant(on: TickClock())?.ticks == 7)
        #expect(ticks.instant(on: ManualClock()) == nil)
        #expect(ticks.remaining(on: TickClock()) == .seconds(-93))
        #expect(ticks.hasPassed(on: TickClock()))
        #expect(Deadline(manual).description == "Deadline(+1.5 seconds)")
    }

    @Test("deadline-only timeouts: the tighter deadline wins, an inherited one is kept, a passed one is refused")
    func deadlineOnlyNesting() async throws {
        let clock = ManualClock(now: .init(offset: .seconds(100)))
        let outer = Timeout(.seconds(10), mode: .deadlineOnly, clock: clock)
        let tighter = Timeout(.seconds(1), mode: .deadlineOnly, clock: clock)
        let looser = Timeout(.seconds(60), mode: .deadlineOnly, clock: clock)
        #expect(Deadline.current == nil)
        let seen = try await outer.execute {
            let own = Deadline.currentInstant(on: clock)
            let inner = try await tighter.execute { Deadline.currentInstant(on: clock) }
            let inherited = try await looser.execute { Deadline.currentInstant(on: clock) }
            return [own, inner, inherited]
        }
        #expect(seen == [.init(offset: .seconds(110)), .init(offset: .seconds(101)), .init(offset: .seconds(110))])
        #expect(Deadline.current == nil)

        await #expect(throws: ResilienceError.deadlineExceeded) {
            try await Deadline.withDeadline(in: .seconds(1), clock: clock) {
                clock.advance(by: .seconds(1))
                return try await tighter.execute { 1 }
            }
        }
        // A deadline of another clock type is ignored, as before.
        let onContinuous = try await Deadline.withDeadline(in: .milliseconds(1)) {
            try await tighter.execute { Deadline.currentInstant(on: clock) }
        }
        #expect(onContinuous == .init(offset: .seconds(102)))
    }

    @Test("deadline-only timeout on the continuous clock propagates now + duration")
    func continuousDeadline() async throws {
        let before = ContinuousClock.now
        let end = try await Timeout(.seconds(5), mode: .deadlineOnly).execute {
            Deadline.currentInstant(on: ContinuousClock())
        }
        let after = ContinuousClock.now
        let unwrapped = try #require(end)
        #expect(unwrapped >= before.advanced(by: .seconds(5)) && unwrapped <= after.advanced(by: .seconds(5)))
    }

    @Test("the rate limiter's synchronous grant, its reservation wait and its rejection")
    func rateLimiterPaths() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(.tokenBucket(capacity: 1, refillRate: 1), maxWait: .seconds(2), clock: clock)
        #expect(try await limiter.execute { 1 } == 1)
        async let waited: Int = limiter.execute { 2 }
        await clock.waitForSleepers(count: 1)
        #expect(clock.sleeperDeadlines == [.init(offset: .seconds(1))])
        clock.advance(by: .seconds(1))
        #expect(try await waited == 2)
        let strict = RateLimiter(.gcra(rate: 1, period: .seconds(1), burst: 1), clock: clock)
        try await strict.acquire()
        do {
            try await strict.acquire()
            Issue.record("expected rateLimited")
        } catch let error as ResilienceError {
            #expect(error == .rateLimited)
            #expect(error.retryAfter == .seconds(1))
        }
    }
}
