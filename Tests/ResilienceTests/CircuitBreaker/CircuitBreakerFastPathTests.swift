import Resilience
import Synchronization
import Testing

/// The closed breaker asks for permission without taking its lock (an atomic copy of "this state permits every
/// call"). These tests pin that the shortcut changes no decision: transitions happen exactly at the thresholds,
/// also under concurrency, and open or half-open breakers still go through the state machine.
@Suite("CircuitBreaker lock-free permission fast path")
struct CircuitBreakerFastPathTests {
    struct Boom: Error {}

    final class Transitions: Sendable {
        let seen = Mutex<[CircuitBreakerTransition]>([])
        func append(_ transition: CircuitBreakerTransition) { self.seen.withLock { $0.append(transition) } }
        var all: [CircuitBreakerTransition] { self.seen.withLock { $0 } }
    }

    static func countBased(size: Int, minimum: Int, probes: Int = 3) -> CircuitBreakerConfiguration {
        CircuitBreakerConfiguration(
            failureRateThreshold: 50, slidingWindow: .countBased(size: size), minimumNumberOfCalls: minimum,
            waitDurationInOpenState: .seconds(10), permittedNumberOfCallsInHalfOpenState: probes)
    }

    @Test(
        "sequential calls trip exactly at the call that reaches the failure-rate threshold, as the state machine does")
    func tripsExactlyAtThreshold() async throws {
        let clock = ManualClock()
        let configuration = Self.countBased(size: 10, minimum: 10)
        let breaker = CircuitBreaker(configuration: configuration, clock: clock)
        var machine = CircuitBreakerStateMachine(configuration: configuration, now: clock.now)
        // 5 failures then 4 successes: 9 calls, below the minimum; the 10th (a success) makes 50 %: open.
        let outcomes: [Bool] = [false, false, false, false, false, true, true, true, true, true]
        for (index, succeeds) in outcomes.enumerated() {
            #expect(breaker.state == .closed, "call \(index)")
            if succeeds {
                _ = try await breaker.execute { index }
            } else {
                await #expect(throws: Boom.self) { try await breaker.execute { throw Boom() } }
            }
            _ = machine.acquirePermission(now: clock.now)
            _ = machine.record(succeeds ? .success : .failure, duration: .zero, now: clock.now)
            #expect(breaker.state == machine.state, "call \(index)")
        }
        #expect(breaker.state == .open)
        await #expect(throws: ResilienceError.circuitOpen) { try await breaker.execute { 1 } }
        #expect(breaker.metrics.numberOfNotPermittedCalls == 1)
    }

    @Test("concurrent failures in consecutive mode open the breaker exactly once, at the threshold")
    func concurrentConsecutiveTrip() async throws {
        let transitions = Transitions()
        let breaker = CircuitBreaker(
            configuration: .consecutive(failures: 8, resetTimeout: .seconds(30)), clock: ManualClock(),
            onStateChange: { transitions.append($0) })
        let ran = TestCounter()
        let rejected = TestCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    do {
                        try await breaker.execute {
                            ran.increment()
                            throw Boom()
                        }
                    } catch is Boom {
                    } catch {
                        rejected.increment()
                    }
                }
            }
        }
        #expect(transitions.all == [.init(from: .closed, to: .open)])
        #expect(breaker.state == .open)
        // Calls that were permitted before the trip still ran (at least the 8 that tripped it); every other one was
        // rejected by the open breaker, and nothing was lost.
        #expect(ran.count >= 8)
        #expect(ran.count + rejected.count == 200)
        #expect(breaker.metrics.numberOfNotPermittedCalls == rejected.count)
    }

    @Test("concurrent mixed outcomes: every permitted call is recorded and the window stays consistent")
    func concurrentRecording() async throws {
        let breaker = CircuitBreaker(
            configuration: Self.countBased(size: 1_000, minimum: 1_000), clock: ManualClock())
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for call in 0..<100 {
                        if (task + call).isMultiple(of: 4) {
                            _ = try? await breaker.execute { throw Boom() }
                        } else {
                            _ = try? await breaker.execute { call }
                        }
                    }
                }
            }
        }
        let metrics = breaker.metrics
        #expect(metrics.numberOfBufferedCalls == 800)
        #expect(metrics.numberOfFailedCalls == 200)
        #expect(metrics.failureRate == -1)  // below the minimum of 1,000 calls
        #expect(breaker.state == .closed)
    }

    @Test("after the open wait, concurrent callers get exactly the permitted number of half-open probes")
    func halfOpenAdmitsExactlyTheProbes() async throws {
        let clock = ManualClock()
        let breaker = CircuitBreaker(configuration: Self.countBased(size: 4, minimum: 4, probes: 4), clock: clock)
        for _ in 0..<4 { _ = try? await breaker.execute { throw Boom() } }
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(11))
        let running = TestCounter()
        let rejected = TestCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do {
                        try await breaker.execute {
                            running.increment()
                            try await clock.sleep(until: .init(offset: .seconds(12)))
                        }
                    } catch {
                        rejected.increment()
                    }
                }
            }
            await clock.waitForSleepers(count: 4)
            while rejected.count < 16 { await Task.yield() }
            clock.advance(by: .seconds(1))
        }
        #expect(running.count == 4)
        #expect(rejected.count == 16)
        #expect(breaker.state == .closed)
        // Closed again: calls take the fast path and are recorded in the fresh window.
        _ = try await breaker.execute { 1 }
        #expect(breaker.metrics.numberOfBufferedCalls == 1)
    }

    @Test("manual transitions update the fast path: forced open rejects, disabled and metrics-only permit")
    func manualTransitions() async throws {
        let breaker = CircuitBreaker(configuration: Self.countBased(size: 4, minimum: 2), clock: ManualClock())
        breaker.transition(to: .forcedOpen)
        await #expect(throws: ResilienceError.circuitOpen) { try await breaker.execute { 1 } }
        breaker.transition(to: .disabled)
        for _ in 0..<5 { _ = try? await breaker.execute { throw Boom() } }
        #expect(breaker.state == .disabled)
        breaker.transition(to: .metricsOnly)
        for _ in 0..<5 { _ = try? await breaker.execute { throw Boom() } }
        #expect(breaker.state == .metricsOnly)
        #expect(breaker.metrics.numberOfFailedCalls == 4)
        breaker.transition(to: .open)
        await #expect(throws: ResilienceError.circuitOpen) { try await breaker.execute { 1 } }
        breaker.reset()
        #expect(try await breaker.execute { 2 } == 2)
    }

    @Test("slow calls are still measured on the continuous clock")
    func continuousClockDurations() async throws {
        var configuration = Self.countBased(size: 2, minimum: 2)
        configuration.slowCallDurationThreshold = .milliseconds(5)
        configuration.slowCallRateThreshold = 100
        let breaker = CircuitBreaker(configuration: configuration)
        for _ in 0..<2 { try await breaker.execute { try await Task.sleep(for: .milliseconds(10)) } }
        #expect(breaker.metrics.numberOfSlowSuccessfulCalls == 2)
        #expect(breaker.state == .open)
    }
}
