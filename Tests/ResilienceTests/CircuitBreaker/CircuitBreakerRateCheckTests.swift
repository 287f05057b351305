import Resilience
import Testing

/// A closed breaker with a count-based window skips the failure- and slow-call-rate check after a fast success (it
/// cannot raise either rate). Random call sequences are replayed against a direct model of resilience4j's check
/// (every rate recomputed after every call) to pin that the state machine and the breaker (which records most
/// successes without the full `record`) open at exactly the same call with the same metrics.
@Suite("CircuitBreaker rate check after fast successes")
struct CircuitBreakerRateCheckTests {
    struct Boom: Error {}

    /// resilience4j's closed-state decision, recomputed after every call over the last `size` outcomes.
    struct Model {
        let size: Int
        let minimum: Int
        let failureThreshold: Float
        let slowThreshold: Float
        var outcomes: [(failed: Bool, slow: Bool)] = []

        /// Records a call and returns whether the breaker opens.
        mutating func record(failed: Bool, slow: Bool) -> Bool {
            self.outcomes.append((failed, slow))
            if self.outcomes.count > self.size { self.outcomes.removeFirst() }
            let calls = self.outcomes.count
            guard calls > 0, calls >= min(self.minimum, self.size) else { return false }
            let failures = self.outcomes.filter(\.failed).count
            let slowCalls = self.outcomes.filter(\.slow).count
            let failureRate = Float(failures) * 100 / Float(calls)
            let slowRate = Float(slowCalls) * 100 / Float(calls)
            return failureRate >= self.failureThreshold || slowRate >= self.slowThreshold
        }
    }

    @Test(
        "random sequences open at exactly the call the model opens at",
        arguments: [
            (size: 10, minimum: 5, failure: 50.0, slow: 60.0),
            (size: 7, minimum: 7, failure: 33.3, slow: 100.0),
            (size: 20, minimum: 1, failure: 25.0, slow: 30.0),
            (size: 5, minimum: 100, failure: 80.0, slow: 40.0),
        ])
    func matchesModel(size: Int, minimum: Int, failure: Double, slow: Double) async {
        var random = SplitMix64(seed: UInt64(size * 1_000 + minimum))
        for _ in 0..<200 {
            let configuration = CircuitBreakerConfiguration(
                failureRateThreshold: failure, slowCallRateThreshold: slow, slowCallDurationThreshold: .seconds(1),
                slidingWindow: .countBased(size: size), minimumNumberOfCalls: minimum)
            var machine = CircuitBreakerStateMachine(
                configuration: configuration, now: ManualClock.Instant(offset: .zero))
            // The breaker records most successes without the state machine's full `record` (nor an instant).
            let clock = ManualClock()
            let breaker = CircuitBreaker(configuration: configuration, clock: clock)
            var model = Model(
                size: size, minimum: minimum, failureThreshold: Float(failure), slowThreshold: Float(slow))
            // Mostly fast successes, so that rates are often defined and below the thresholds when one arrives.
            let failureOdds = UInt64.random(in: 2...12, using: &random)
            for call in 0..<300 {
                let failed = UInt64.random(in: 0..<failureOdds, using: &random) == 0
                let isSlow = UInt64.random(in: 0..<failureOdds, using: &random) == 0
                let now = ManualClock.Instant(offset: .seconds(Int64(call)))
                _ = machine.acquirePermission(now: now)
                _ = machine.record(failed ? .failure : .success, duration: isSlow ? .seconds(2) : .zero, now: now)
                let opens = model.record(failed: failed, slow: isSlow)
                #expect(machine.state == (opens ? .open : .closed), "call \(call)")
                _ = try? await breaker.execute { () throws -> Int in
                    clock.advance(by: isSlow ? .seconds(2) : .seconds(1))
                    if failed { throw Boom() }
                    return call
                }
                #expect(breaker.state == machine.state, "call \(call)")
                let metrics = breaker.metrics
                let expected = machine.metrics(now: now)
                #expect(metrics.numberOfBufferedCalls == expected.numberOfBufferedCalls, "call \(call)")
                #expect(metrics.numberOfFailedCalls == expected.numberOfFailedCalls, "call \(call)")
                #expect(metrics.numberOfSlowCalls == expected.numberOfSlowCalls, "call \(call)")
                if opens || machine.state != .closed { break }
            }
        }
    }
}
