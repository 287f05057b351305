import Resilience
import Testing

@Suite("AdaptiveConcurrencyStateMachine")
struct AdaptiveConcurrencyStateMachineTests {
    typealias Machine = AdaptiveConcurrencyStateMachine<ManualClock.Instant>
    let t0 = ManualClock.Instant(offset: .zero)

    @Test("acquisitions beyond the limit are rejected until a slot is released")
    func rejectsAtLimit() {
        var machine = Machine(algorithm: .fixed(2))
        #expect(machine.acquire() == .acquired(inFlight: 1))
        #expect(machine.acquire() == .acquired(inFlight: 2))
        #expect(machine.acquire() == .rejected(limit: 2))
        machine.release(.ignored, rtt: .zero, inFlightAtStart: 2, now: self.t0)
        #expect(machine.acquire() == .acquired(inFlight: 2))
    }

    @Test("ignored outcomes do not move the limit; drops do")
    func outcomes() {
        var machine = Machine(algorithm: .aimd(.init(initialLimit: 10)))
        _ = machine.acquire()
        machine.release(.ignored, rtt: .milliseconds(1), inFlightAtStart: 10, now: self.t0)
        #expect(machine.limit == 10)
        _ = machine.acquire()
        machine.release(.success, rtt: .milliseconds(1), inFlightAtStart: 10, now: self.t0)
        #expect(machine.limit == 11)
        _ = machine.acquire()
        machine.release(.dropped, rtt: .milliseconds(1), inFlightAtStart: 10, now: self.t0)
        #expect(machine.limit == 9)
    }

    @Test("a sample window feeds the algorithm once per window with the average RTT")
    func windowed() {
        var machine = Machine(
            algorithm: .gradient(.init(initialLimit: 10, minLimit: 1, maxLimit: 100, smoothing: 1, warmupSamples: 5)),
            window: .init(minSamples: 3, minDuration: .seconds(1)))
        for (index, rtt) in [10, 20, 30].enumerated() {
            _ = machine.acquire()
            machine.release(
                .success, rtt: .milliseconds(rtt), inFlightAtStart: 10, now: self.t0.advanced(by: .milliseconds(index)))
        }
        // Three samples but the window has not spanned a second yet.
        #expect(machine.limit == 10)
        _ = machine.acquire()
        machine.release(.success, rtt: .milliseconds(40), inFlightAtStart: 10, now: self.t0.advanced(by: .seconds(2)))
        guard case .gradient(let gradient) = machine.limitState else {
            Issue.record("expected a gradient state")
            return
        }
        #expect(abs(gradient.shortRTT - 0.025) < 1e-9)
        #expect(machine.limit == 14)
    }
}

@Suite("AdaptiveConcurrencyLimiter")
struct AdaptiveConcurrencyLimiterTests {
    @Test("a permit is released exactly once, whether consumed or dropped out of scope")
    func permitReleasedOnce() throws {
        let clock = ManualClock()
        let limiter = AdaptiveConcurrencyLimiter(algorithm: .fixed(2), clock: clock)
        do {
            let first = try limiter.acquire()
            #expect(limiter.inFlight == 1)
            first.success()
            #expect(limiter.inFlight == 0)
        }
        do {
            guard let second = limiter.tryAcquire() else {
                Issue.record("expected a permit")
                return
            }
            #expect(second.inFlightAtStart == 1)
            #expect(limiter.inFlight == 1)
        }
        #expect(limiter.inFlight == 0)
    }

    @Test("the RTT comes from the injected clock")
    func rttFromClock() throws {
        let clock = ManualClock()
        let limiter = AdaptiveConcurrencyLimiter(
            algorithm: .gradient(.init(initialLimit: 1, minLimit: 1, maxLimit: 10)), clock: clock)
        let permit = try limiter.acquire()
        clock.advance(by: .milliseconds(250))
        permit.success()
        guard case .gradient(let gradient) = limiter.limitState else {
            Issue.record("expected a gradient state")
            return
        }
        #expect(abs(gradient.shortRTT - 0.25) < 1e-9)
    }

    @Test("execute rejects when full and classifies errors")
    func execute() async throws {
        let clock = ManualClock()
        let limiter = AdaptiveConcurrencyLimiter(algorithm: .aimd(.init(initialLimit: 2)), clock: clock)
        let held = try limiter.acquire()
        let held2 = try limiter.acquire()
        await #expect(throws: AdaptiveResilienceError.concurrencyLimitExceeded) {
            try await limiter.execute { 1 }
        }
        held.ignored()
        held2.ignored()
        struct Overloaded: Error {}
        await #expect(throws: Overloaded.self) {
            try await limiter.execute(outcome: { _ in .dropped }) { throw Overloaded() }
        }
        #expect(limiter.limit == 1)
        #expect(try await limiter.execute { 7 } == 7)
        #expect(limiter.limit == 2)
        #expect(limiter.inFlight == 0)
    }

    @Test("under a simulated queueing server the gradient limit settles near the server's capacity")
    func settlesNearCapacity() {
        // A server with 20 workers: latency is 10 ms up to 20 concurrent requests and grows linearly beyond.
        typealias Machine = AdaptiveConcurrencyStateMachine<ManualClock.Instant>
        var machine = Machine(algorithm: .gradient(.init(initialLimit: 5, minLimit: 1, maxLimit: 500)))
        var now = ManualClock.Instant(offset: .zero)
        for _ in 0..<2000 {
            var started: [Int] = []
            while case .acquired(let inFlight) = machine.acquire() { started.append(inFlight) }
            let latency = Duration.milliseconds(10) * max(1, Double(started.count) / 20)
            now = now.advanced(by: latency)
            for inFlight in started { machine.release(.success, rtt: latency, inFlightAtStart: inFlight, now: now) }
        }
        #expect(machine.limit >= 15 && machine.limit <= 60)
    }
}
