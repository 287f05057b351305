import Resilience
import Synchronization
import Testing

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    struct Boom: Error, Equatable {}
    struct NotAFailure: Error {}

    static var configuration: CircuitBreakerConfiguration {
        var configuration = CircuitBreakerConfiguration(
            failureRateThreshold: 50, slidingWindow: .countBased(size: 4), minimumNumberOfCalls: 2,
            waitDurationInOpenState: .seconds(30), permittedNumberOfCallsInHalfOpenState: 1)
        configuration.isFailure = { !($0 is NotAFailure) }
        return configuration
    }

    @Test("rethrows the operation's error unchanged and rejects with circuitOpen + retryAfter once open")
    func tripsAndRejects() async throws {
        let clock = ManualClock()
        let seen = Mutex<[CircuitBreakerTransition]>([])
        let breaker = CircuitBreaker(configuration: Self.configuration, clock: clock) { transition in
            seen.withLock { $0.append(transition) }
        }
        #expect(try await breaker.execute { 42 } == 42)
        await #expect(throws: Boom()) { try await breaker.execute { throw Boom() } }
        #expect(breaker.state == .open)
        let ran = Atomic<Int>(0)
        do {
            try await breaker.execute { ran.add(1, ordering: .relaxed) }
            Issue.record("expected rejection")
        } catch let error as ResilienceError {
            #expect(error == .circuitOpen)
            #expect(error.retryAfter == .seconds(30))
        }
        #expect(ran.load(ordering: .relaxed) == 0)
        clock.advance(by: .seconds(31))
        #expect(try await breaker.execute { "probe" } == "probe")
        #expect(breaker.state == .closed)
        #expect(
            seen.withLock { $0 } == [
                .init(from: .closed, to: .open), .init(from: .open, to: .halfOpen), .init(from: .halfOpen, to: .closed),
            ])
    }

    @Test("errors that are not failures count as successes; cancellation is ignored")
    func predicates() async throws {
        let breaker = CircuitBreaker(configuration: Self.configuration, clock: ManualClock())
        for _ in 0..<4 {
            await #expect(throws: NotAFailure.self) { try await breaker.execute { throw NotAFailure() } }
        }
        await #expect(throws: CancellationError.self) { try await breaker.execute { throw CancellationError() } }
        let metrics = breaker.metrics
        #expect(metrics.numberOfBufferedCalls == 4)
        #expect(metrics.numberOfSuccessfulCalls == 4)
        #expect(breaker.state == .closed)
    }

    @Test("slow calls are measured on the injected clock")
    func slowCallsUseClock() async throws {
        let clock = ManualClock()
        var configuration = Self.configuration
        configuration.slowCallDurationThreshold = .seconds(1)
        configuration.slowCallRateThreshold = 100
        configuration.failureRateThreshold = 100
        let breaker = CircuitBreaker(configuration: configuration, clock: clock)
        try await breaker.execute { clock.advance(by: .seconds(2)) }
        try await breaker.execute { clock.advance(by: .milliseconds(1500)) }
        #expect(breaker.metrics.numberOfSlowSuccessfulCalls == 2)
        #expect(breaker.state == .open)
    }

    @Test("state changes are streamed, and manual transitions are published")
    func stateChangesStream() async throws {
        let breaker = CircuitBreaker(configuration: Self.configuration, clock: ManualClock())
        let stream = breaker.stateChanges()
        breaker.transition(to: .forcedOpen)
        await #expect(throws: ResilienceError.circuitOpen) { try await breaker.execute { 1 } }
        breaker.transition(to: .disabled)
        breaker.reset()
        var received: [CircuitBreakerTransition] = []
        for await transition in stream {
            received.append(transition)
            if received.count == 3 { break }
        }
        #expect(
            received == [
                .init(from: .closed, to: .forcedOpen), .init(from: .forcedOpen, to: .disabled),
                .init(from: .disabled, to: .closed),
            ])
        #expect(CircuitBreakerTransition(from: .closed, to: .halfOpen).description == "CLOSED_TO_HALF_OPEN")
    }

    @Test("concurrent calls: permits in half-open are never exceeded")
    func concurrentHalfOpen() async throws {
        let clock = ManualClock()
        var configuration = Self.configuration
        configuration.permittedNumberOfCallsInHalfOpenState = 3
        let breaker = CircuitBreaker(configuration: configuration, clock: clock)
        breaker.transition(to: .halfOpen)
        let running = TestCounter()
        let rejected = TestCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do {
                        try await breaker.execute {
                            running.increment()
                            try await clock.sleep(until: .init(offset: .seconds(1)))
                            running.decrement()
                        }
                    } catch {
                        rejected.increment()
                    }
                }
            }
            await clock.waitForSleepers(count: 3)
            while rejected.count < 7 { await Task.yield() }
            clock.advance(by: .seconds(1))
        }
        #expect(running.peak == 3)
        #expect(rejected.count == 7)
        #expect(breaker.state == .closed)
    }
}
